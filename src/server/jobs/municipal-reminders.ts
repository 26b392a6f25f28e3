import type { LocalDate } from "../../domain/dates.js";
import type { Executor } from "../db/client.js";
import { municipalRecipients } from "../modules/notifications/recipients.js";
import { type NotificationDraft, notify } from "../modules/notifications/service.js";
import type { DailyJob } from "./runner.js";

/**
 * A daily job reminding municipalities of single due items (M2 periods, M4 actions): it finds the
 * items due today, tells each item's municipality (its liaison and collaborators) of it, one
 * notification per item and person, and sums up as "<counted>: <notifications created>".
 */
export function municipalReminderJob<T>(job: {
  name: string;
  counted: string;
  due: (tx: Executor, today: LocalDate) => Promise<readonly T[]>;
  cvegeoOf: (item: T) => string;
  draftOf: (item: T, today: LocalDate) => Omit<NotificationDraft, "userId">;
}): DailyJob {
  return {
    name: job.name,
    async run({ tx, today }) {
      const items = await job.due(tx, today);
      if (items.length === 0) {
        return `${job.counted}: 0`;
      }
      const people = await municipalRecipients(tx, [...new Set(items.map(job.cvegeoOf))]);
      const drafts = items.flatMap((item) => {
        const draft = job.draftOf(item, today);
        return people
          .filter((person) => person.municipality === job.cvegeoOf(item))
          .map((person) => ({ userId: person.id, ...draft }));
      });
      return `${job.counted}: ${(await notify(tx, drafts)).created}`;
    },
  };
}
