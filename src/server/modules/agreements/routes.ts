import { IdParams } from "../../../contracts/common.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import {
  Agreement,
  AgreementChange,
  AgreementQuery,
  CorrectAgreementRequest,
  CreateAgreementRequest,
  RecordAgreementChangeRequest,
  ToolInstance,
} from "../../../contracts/participation.js";
import { z } from "../../../contracts/zod.js";
import { canAdminister, canReadRegional } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { sendPreparedJson } from "../../lib/prepared-json.js";
import { replyWhenReady } from "../../lib/ready.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { municipalToolsJson } from "../tool-instances/municipal-tools.js";
import {
  getAgreement,
  getAgreementChange,
  getAgreementOf,
  listAgreementChanges,
  listAgreements,
} from "./queries.js";
import { correctAgreement, recordAgreementChange, registerAgreement } from "./service.js";

const tags = ["convenios"];

export async function agreementRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, now } = app.deps;

  route.get(
    "/api/agreements",
    "Convenios registrados (personal)",
    { querystring: AgreementQuery, response: { 200: z.array(Agreement) } },
    async (request) => listAgreements(db, request.query),
    canReadRegional,
  );

  route.post(
    "/api/agreements",
    "Registrar el convenio firmado de un municipio",
    { body: CreateAgreementRequest, response: { 201: Agreement } },
    async (request, reply) => {
      const id = await registerAgreement(db, request.body, actorOf(request), now());
      reply.code(201);
      return getAgreement(db, id);
    },
    canAdminister,
  );

  route.patch(
    "/api/agreements/:id",
    "Corregir un convenio (con motivo)",
    { params: IdParams, body: CorrectAgreementRequest, response: { 200: Agreement } },
    async (request) => {
      await correctAgreement(db, request.params.id, request.body, actorOf(request), now());
      return getAgreement(db, request.params.id);
    },
    canAdminister,
  );

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/agreement/changes",
    "Renovaciones, ratificaciones, suspensiones y terminación del convenio",
    z.array(AgreementChange),
    async (cvegeo) => {
      const agreement = await getAgreementOf(db, cvegeo);
      return listAgreementChanges(db, agreement.id);
    },
    "El convenio",
  );

  route.post(
    "/api/agreements/:id/changes",
    "Renovar, ratificar, suspender, reanudar o terminar un convenio",
    {
      description:
        "Terminar o suspender exige motivo (termination_reason_required, suspension_reason_required); la fecha no puede ser anterior a la firma ni al último cambio (agreement_dates_out_of_order) ni futura (agreement_change_in_future); el cambio debe convenir al estado del convenio (agreement_change_not_allowed).",
      params: IdParams,
      body: RecordAgreementChangeRequest,
      response: { 201: AgreementChange },
    },
    async (request, reply) => {
      const id = await recordAgreementChange(
        db,
        request.params.id,
        request.body,
        actorOf(request),
        now(),
      );
      reply.code(201);
      return getAgreementChange(db, id);
    },
    canAdminister,
  );

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/agreement",
    "El convenio de un municipio",
    Agreement,
    (cvegeo) => getAgreementOf(db, cvegeo),
    "El convenio",
  );

  app.get(
    "/api/municipalities/:cvegeo/tools",
    {
      schema: {
        tags: ["herramientas"],
        summary: "Las herramientas del municipio con estado, plazo y vencimiento",
        description:
          "Leídas una vez por cada cambio en el municipio (o por día) y servidas tal cual (gzip si el cliente lo acepta; ETag para 304).",
        params: CvegeoParams,
        response: { 200: z.array(ToolInstance) },
      },
    },
    (request, reply) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      return replyWhenReady(
        municipalToolsJson(db, request.params.cvegeo, now(), actorOf(request)),
        (body) => sendPreparedJson(request, reply, body),
      );
    },
  );
}
