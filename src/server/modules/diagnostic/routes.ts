import { CvegeoParams } from "../../../contracts/municipalities.js";
import {
  Diagnostic,
  DiagnosticComparison,
  SaveDiagnosticRequest,
} from "../../../contracts/participation.js";
import { AppError } from "../../lib/errors.js";
import { getOfMunicipality, municipalityPdf } from "../../lib/routes.js";
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

  getOfMunicipality(
    app,
    "/api/municipalities/:cvegeo/diagnostic",
    {
      tags,
      summary: "El diagnóstico inicial del municipio",
      response: { 200: Diagnostic },
    },
    (cvegeo) => getDiagnostic(db, cvegeo),
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

  getOfMunicipality(
    app,
    "/api/municipalities/:cvegeo/diagnostic/comparison",
    {
      tags,
      summary: "La ronda anterior del diagnóstico junto a la actual, herramienta por herramienta",
      response: { 200: DiagnosticComparison },
    },
    (cvegeo) => getDiagnosticComparison(db, cvegeo),
  );

  municipalityPdf(
    app,
    "/api/municipalities/:cvegeo/diagnostic/acknowledgement.pdf",
    { tags, summary: "Acuse en PDF del diagnóstico enviado" },
    async (cvegeo) => {
      const diagnostic = await getDiagnostic(db, cvegeo);
      if (diagnostic.status !== "submitted") {
        throw new AppError("conflict", "El acuse existe una vez enviado el diagnóstico.");
      }
      const pdf = acknowledgementPdf(diagnostic, await getInstitution(db), now());
      return { fileName: `acuse-diagnostico-${cvegeo}.pdf`, pdf };
    },
  );
}
