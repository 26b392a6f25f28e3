import { scoreSnapshotJob } from "../modules/progress/snapshots.js";
import { improvementReminderJob } from "./improvement-reminders.js";
import { indicatorReminderJob } from "./indicator-reminders.js";
import { reminderJob } from "./reminders.js";
import type { DailyJob } from "./runner.js";

/**
 * Every daily job of the server, in the order they run. To add one, write a `DailyJob` (see
 * runner.ts: one transaction per run, idempotent) and list it here.
 */
export const DAILY_JOBS: readonly DailyJob[] = [
  reminderJob,
  improvementReminderJob,
  indicatorReminderJob,
  scoreSnapshotJob,
];
