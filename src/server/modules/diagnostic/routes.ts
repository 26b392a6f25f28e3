import { CvegeoParams } from "../../../contracts/municipalities.js";
import {
  Diagnostic,
  DiagnosticComparison,
  SaveDiagnosticRequest,
} from "../../../contracts/participation.js";
import { actingOf } from "../../lib/acting.js";
import { AppError } from "../../lib/errors.js";
import { routesOf } from "../../lib/operations.js";
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

export async function diagnosticRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["diagnóstico"]);
  const { db, now } = app.deps;

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/diagnostic",
    "El diagnóstico inicial del municipio",
    Diagnostic,
    (cvegeo) => getDiagnostic(db, cvegeo),
  );

  route.put(
    "/api/municipalities/:cvegeo/diagnostic",
    "Guardar respuestas como borrador (enlace o colaborador)",
    { params: CvegeoParams, body: SaveDiagnosticRequest, response: { 200: Diagnostic } },
    async (request) => {
      await saveDiagnostic(db, request.params.cvegeo, request.body.answers, actingOf(request, now));
      return getDiagnostic(db, request.params.cvegeo);
    },
  );

  // The designated liaison's two steps, each answered with the diagnostic as it stands after.
  const liaisonSteps = [
    {
      url: "/api/municipalities/:cvegeo/diagnostic/submit",
      summary: "Enviar el diagnóstico (solo el enlace)",
      step: submitDiagnostic,
    },
    {
      url: "/api/municipalities/:cvegeo/diagnostic/rounds",
      summary: "Responder de nuevo el diagnóstico tras una nueva administración (solo el enlace)",
      step: startDiagnosticRound,
    },
  ];
  for (const { url, summary, step } of liaisonSteps) {
    route.post(
      url,
      summary,
      { params: CvegeoParams, response: { 200: Diagnostic } },
      async (request) => {
        await step(db, request.params.cvegeo, actingOf(request, now));
        return getDiagnostic(db, request.params.cvegeo);
      },
    );
  }

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/diagnostic/comparison",
    "La ronda anterior del diagnóstico junto a la actual, herramienta por herramienta",
    DiagnosticComparison,
    (cvegeo) => getDiagnosticComparison(db, cvegeo),
  );

  route.municipalityPdf(
    "/api/municipalities/:cvegeo/diagnostic/acknowledgement.pdf",
    "Acuse en PDF del diagnóstico enviado",
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
