import { daysBetween } from "../../domain/dates.js";
import {
  needsReportReminder,
  PERIOD_STANDING_LABELS,
  periodStanding,
  reportReminderKey,
} from "../../domain/indicators.js";
import { indicatorAdoptions, indicatorReports } from "../db/schema/index.js";
import { formatDateEs } from "../lib/dates-es.js";
import { periodsOfAdoption } from "../modules/indicators/queries.js";
import { municipalReminderJob } from "./municipal-reminders.js";

/**
 * M2 periods not yet submitted that are due within seven days or late: the municipality's liaison
 * and collaborators are told once as the due date nears and then once a week while the period is
 * late (`reportReminderKey`), like a tool's deadline, each with a link to the period's form.
 */
export const indicatorReminderJob = municipalReminderJob({
  name: "indicator-reminders",
  counted: "periodos de indicadores",
  due: async (tx, today) => {
    const adoptions = await tx.select().from(indicatorAdoptions);
    const submitted = new Set(
      (
        await tx
          .select({
            adoptionId: indicatorReports.adoptionId,
            period: indicatorReports.periodKey,
            status: indicatorReports.status,
          })
          .from(indicatorReports)
      )
        .filter((row) => row.status === "submitted")
        .map((row) => `${row.adoptionId}|${row.period}`),
    );
    return adoptions.flatMap((adoption) =>
      periodsOfAdoption(adoption, today)
        .filter((period) =>
          needsReportReminder(period, submitted.has(`${adoption.id}|${period.key}`), today),
        )
        .map((period) => ({ adoption, period })),
    );
  },
  cvegeoOf: ({ adoption }) => adoption.municipalityCvegeo,
  draftOf: ({ adoption, period }, today) => {
    const late = periodStanding(period, null, today) === "late";
    const left = daysBetween(today, period.dueOn);
    return {
      kind: "indicator_period_due",
      title: `${late ? PERIOD_STANDING_LABELS.late : "Por reportar"}: indicadores del ${period.label}`,
      body: late
        ? `Los indicadores del ${period.label} debían enviarse a más tardar el ${formatDateEs(period.dueOn)}.`
        : `Los indicadores del ${period.label} deben enviarse a más tardar el ${formatDateEs(period.dueOn)} (faltan ${left} días).`,
      link: `/herramientas/${adoption.toolInstanceId}/indicadores/${period.key}`,
      dedupeKey: reportReminderKey(adoption.id, period, today),
      action: "Capturar el periodo",
    };
  },
});
