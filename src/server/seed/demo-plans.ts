/**
 * The demo's project cards (E4): each participant writing its E4 tool first records a card, whose
 * end date gives the tool its deadline, through the same service the screen uses.
 */
import { addDays, compareDates, daysBetween, type LocalDate } from "../../domain/dates.js";
import type { Database } from "../db/client.js";
import type { Actor } from "../lib/audit.js";
import { createProjectCard } from "../modules/project-cards/service.js";
import type { AuthUser } from "../plugins/auth.js";

/** A year-long transparency project starting on `startsOn` (or ending on `endsOn`, if earlier). */
export async function seedDemoProjectCard(
  db: Database,
  cvegeo: string,
  dates: { startsOn: LocalDate; endsOn: LocalDate },
  context: { user: AuthUser; actor: Actor; now: Date },
): Promise<void> {
  const { endsOn } = dates;
  const startsOn =
    compareDates(dates.startsOn, endsOn) <= 0 ? dates.startsOn : addDays(endsOn, -30);
  const third = Math.max(1, Math.floor(daysBetween(startsOn, endsOn) / 3));
  const first = addDays(startsOn, third);
  const second = addDays(first, third);
  await createProjectCard(
    db,
    cvegeo,
    {
      title: "Portal municipal de transparencia proactiva",
      objectives:
        "Publicar en formatos abiertos la información de mayor demanda ciudadana y reducir las solicitudes repetidas.",
      expectedResults:
        "Diez conjuntos de datos publicados y actualizados cada trimestre; 20 % menos solicitudes sobre esos temas.",
      activities: [
        {
          description: "Identificar la información más solicitada (análisis de solicitudes)",
          responsible: "Unidad de Transparencia",
          startsOn,
          endsOn: first,
        },
        {
          description: "Preparar y publicar los conjuntos de datos",
          responsible: "Dirección de Gobierno Digital",
          startsOn: first,
          endsOn: second,
        },
        {
          description: "Difundir el portal y medir su uso",
          responsible: "Comunicación Social",
          startsOn: second,
          endsOn,
        },
      ],
      budgetAmount: 150_000,
      budgetSource: "Recursos propios (presupuesto de egresos municipal)",
      developmentPlanLink:
        "Plan de Desarrollo Municipal, eje transversal «Gobierno abierto y transparente», objetivo 1.",
      startsOn,
      endsOn,
      status: "in_progress",
      progress: 40,
    },
    context,
  );
}
