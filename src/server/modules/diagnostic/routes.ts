import { CvegeoParams } from "../../../contracts/municipalities.js";
import {
  Diagnostic,
  DiagnosticComparison,
  SaveDiagnosticRequest,
} from "../../../contracts/participation.js";
import { AppError } from "../../lib/errors.js";
import { sendPdf } from "../../lib/http-files.js";
import { assertCanSeeMunicipality } from "../../lib/scope.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getInstitution } from "../institution/service.js";
import { acknowledgementPdf } from "./acknowledgement.js";
import {
  getDiagnostic,
  getDiagnosticComparison,
  saveDiagnostic,
  startDiagnosticRound,
  submitDiagnostic,
} from "./service.js";

const tags = ["diagnóstico"];

export async function diagnosticRoutes(app: App): Promise<void> {
  const { db, now } = app.deps;

  app.get(
    "/api/municipalities/:cvegeo/diagnostic",
    {
      schema: {
        tags,
        summary: "El diagnóstico inicial del municipio",
        params: CvegeoParams,
        response: { 200: Diagnostic },
      },
    },
    async (request) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      return getDiagnostic(db, request.params.cvegeo);
    },
  );

  app.put(
    "/api/municipalities/:cvegeo/diagnostic",
    {
      schema: {
        tags,
        summary: "Guardar respuestas como borrador (enlace o colaborador)",
        params: CvegeoParams,
        body: SaveDiagnosticRequest,
        response: { 200: Diagnostic },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      await saveDiagnostic(
        db,
        request.params.cvegeo,
        request.body.answers,
        user,
        actorOf(request),
        now(),
      );
      return getDiagnostic(db, request.params.cvegeo);
    },
  );

  app.post(
    "/api/municipalities/:cvegeo/diagnostic/submit",
    {
      schema: {
        tags,
        summary: "Enviar el diagnóstico (solo el enlace)",
        params: CvegeoParams,
        response: { 200: Diagnostic },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      await submitDiagnostic(db, request.params.cvegeo, user, actorOf(request), now());
      return getDiagnostic(db, request.params.cvegeo);
    },
  );

  app.post(
    "/api/municipalities/:cvegeo/diagnostic/rounds",
    {
      schema: {
        tags,
        summary: "Responder de nuevo el diagnóstico tras una nueva administración (solo el enlace)",
        params: CvegeoParams,
        response: { 200: Diagnostic },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      await startDiagnosticRound(db, request.params.cvegeo, user, actorOf(request), now());
      return getDiagnostic(db, request.params.cvegeo);
    },
  );

  app.get(
    "/api/municipalities/:cvegeo/diagnostic/comparison",
    {
      schema: {
        tags,
        summary: "La ronda anterior del diagnóstico junto a la actual, herramienta por herramienta",
        params: CvegeoParams,
        response: { 200: DiagnosticComparison },
      },
    },
    async (request) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      return getDiagnosticComparison(db, request.params.cvegeo);
    },
  );

  app.get(
    "/api/municipalities/:cvegeo/diagnostic/acknowledgement.pdf",
    { schema: { tags, summary: "Acuse en PDF del diagnóstico enviado", params: CvegeoParams } },
    async (request, reply) => {
      assertCanSeeMunicipality(request.auth, request.params.cvegeo, "El municipio");
      const diagnostic = await getDiagnostic(db, request.params.cvegeo);
      if (diagnostic.status !== "submitted") {
        throw new AppError("conflict", "El acuse existe una vez enviado el diagnóstico.");
      }
      const pdf = acknowledgementPdf(diagnostic, await getInstitution(db), now());
      return sendPdf(reply, `acuse-diagnostico-${request.params.cvegeo}.pdf`, pdf);
    },
  );
}
