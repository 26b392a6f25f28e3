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
import { municipalRecipients } from "../modules/notifications/recipients.js";
import { type NotificationDraft, notify } from "../modules/notifications/service.js";
import type { DailyJob } from "./runner.js";

/**
 * Open improvement-plan actions (M4) due within seven days, or overdue: the municipality's liaison
 * and collaborators are told once as the date nears and once when it has passed
 * (`improvementReminderKey`), each with a link to the plan.
 */
export const improvementReminderJob: DailyJob = {
  name: "improvement-reminders",
  async run({ tx, today }) {
    const rows = (
      await openActionsDue(
        tx,
        lte(improvementActions.dueOn, addDays(today, IMPROVEMENT_REMINDER_DAYS)),
      )
    ).filter((row) => needsImprovementReminder(row, today));
    if (rows.length === 0) {
      return "acciones de mejora: 0";
    }
    const people = await municipalRecipients(tx, [...new Set(rows.map((row) => row.cvegeo))]);
    const drafts: NotificationDraft[] = [];
    for (const row of rows) {
      const left = daysBetween(today, row.dueOn);
      const when =
        left < 0
          ? `venció el ${formatDateEs(row.dueOn)}`
          : `${describeDaysLeft(left)} (${formatDateEs(row.dueOn)})`;
      const short =
        row.description.length > 80 ? `${row.description.slice(0, 79)}…` : row.description;
      for (const person of people.filter((p) => p.municipality === row.cvegeo)) {
        drafts.push({
          userId: person.id,
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
        });
      }
    }
    return `acciones de mejora: ${(await notify(tx, drafts)).created}`;
  },
};
