import { lte } from "drizzle-orm";
import { addDays, daysBetween } from "../../domain/dates.js";
import {
  IMPROVEMENT_REMINDER_DAYS,
  improvementReminderKey,
  needsImprovementReminder,
} from "../../domain/improvement-plans.js";
import { describeDaysLeft } from "../../domain/reminders.js";
import { improvementActions } from "../db/schema/index.js";
import { formatDateEs } from "../lib/dates-es.js";
import { openActionsDue } from "../modules/improvement-plans/queries.js";
import { municipalReminderJob } from "./municipal-reminders.js";

/**
 * Open improvement-plan actions (M4) due within seven days, or overdue: the municipality's liaison
 * and collaborators are told once as the date nears and once when it has passed
 * (`improvementReminderKey`), each with a link to the plan.
 */
export const improvementReminderJob = municipalReminderJob({
  name: "improvement-reminders",
  counted: "acciones de mejora",
  due: async (tx, today) =>
    (
      await openActionsDue(
        tx,
        lte(improvementActions.dueOn, addDays(today, IMPROVEMENT_REMINDER_DAYS)),
      )
    ).filter((row) => needsImprovementReminder(row, today)),
  cvegeoOf: (row) => row.cvegeo,
  draftOf: (row, today) => {
    const left = daysBetween(today, row.dueOn);
    const when =
      left < 0
        ? `venció el ${formatDateEs(row.dueOn)}`
        : `${describeDaysLeft(left)} (${formatDateEs(row.dueOn)})`;
    const short =
      row.description.length > 80 ? `${row.description.slice(0, 79)}…` : row.description;
    return {
      kind: "improvement_action_due",
      title: `${left < 0 ? "Acción de mejora vencida" : "Acción de mejora próxima a vencer"}: ${short}`,
      body: [
        `La acción «${row.description}» del plan de mejora ${when}.`,
        "",
        `Responsable: ${row.owner}.`,
      ].join("\n"),
      link: `/municipios/${row.cvegeo}/plan-de-mejora`,
      dedupeKey: improvementReminderKey(row.id, row.dueOn, today),
      action: "Ver el plan de mejora",
    };
  },
});
