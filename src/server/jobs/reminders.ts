import { and, asc, between, eq, inArray, lt, ne } from "drizzle-orm";
import { nextLocalDate } from "../../domain/daily-schedule.js";
import { daysBetween, type LocalDate } from "../../domain/dates.js";
import {
  COMMITMENT_REMINDER_DAYS,
  commitmentReminderDue,
  commitmentReminderKey,
  DEADLINE_REMINDER_DAYS,
  deadlineReminderDue,
  deadlineReminderKey,
  describeDaysLeft,
  isRemindable,
  overdueDigestKey,
} from "../../domain/reminders.js";
import { type MunicipalRole, STAFF_ROLES } from "../../domain/roles.js";
import { calendarSpan, describeSpan } from "../../domain/spans.js";
import { TOOL_STATE_LABELS, type ToolState } from "../../domain/tool-state.js";
import type { Executor } from "../db/client.js";
import { commitments, supportActions, toolInstances } from "../db/schema/index.js";
import { formatDateEs } from "../lib/dates-es.js";
import { activeInstance } from "../lib/instance-joins.js";
import { supportActionPath } from "../modules/notifications/paths.js";
import {
  municipalRecipients,
  staffRecipients,
  usersById,
} from "../modules/notifications/recipients.js";
import { type NotificationDraft, notify } from "../modules/notifications/service.js";
import { instanceLabel, selectNamedInstances } from "../modules/notifications/tool-events.js";
import type { DailyJob } from "./runner.js";

/** Lines listed in one notification before "y N más". */
const MAX_LINES = 25;

function plusDays(date: LocalDate, days: number): LocalDate {
  let day = date;
  for (let i = 0; i < days; i++) {
    day = nextLocalDate(day);
  }
  return day;
}

function listed(lines: string[]): string {
  const shown = lines.slice(0, MAX_LINES).map((line) => `- ${line}`);
  if (lines.length > MAX_LINES) {
    shown.push(`- … y ${lines.length - MAX_LINES} más.`);
  }
  return shown.join("\n");
}

const herramientas = (n: number) => (n === 1 ? "1 herramienta" : `${n} herramientas`);

/** The instances matching `where`, with what a reminder shows of each. */
function instanceRows(tx: Executor, where: ReturnType<typeof and>) {
  return selectNamedInstances(tx, { deadline: toolInstances.deadline, state: toolInstances.state })
    .where(and(where, activeInstance))
    .orderBy(
      asc(toolInstances.municipalityCvegeo),
      asc(toolInstances.deadline),
      asc(toolInstances.toolCode),
      asc(toolInstances.partCode),
      asc(toolInstances.cycle),
    );
}

type InstanceRow = Awaited<ReturnType<typeof instanceRows>>[number];

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) {
      group.push(item);
    } else {
      groups.set(k, [item]);
    }
  }
  return groups;
}

/** The active accounts of these municipalities (see municipalRecipients), by municipality. */
async function peopleByMunicipality(
  tx: Executor,
  cvegeos: string[],
  roles?: readonly MunicipalRole[],
) {
  const people = await municipalRecipients(tx, [...new Set(cvegeos)], roles);
  return groupBy(people, (person) => person.municipality ?? "");
}

/**
 * Deadlines in 30, 7 and 1 days: each municipality's liaison and collaborators are reminded of
 * its tools still to do, one notification per deadline date (tools sharing a deadline together).
 */
async function remindDeadlines(tx: Executor, today: LocalDate): Promise<number> {
  const horizon = plusDays(today, Math.max(...DEADLINE_REMINDER_DAYS));
  const rows = (
    await instanceRows(
      tx,
      and(
        inArray(toolInstances.state, ["pending", "in_progress", "changes_requested"]),
        between(toolInstances.deadline, today, horizon),
      ),
    )
  ).filter((row) => row.deadline !== null && isRemindable(row.state));
  const groups = groupBy(rows, (row) => `${row.cvegeo}|${row.deadline}`);
  const people = await peopleByMunicipality(
    tx,
    rows.map((row) => row.cvegeo),
  );
  const drafts: NotificationDraft[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    const deadline = first?.deadline;
    const threshold = deadline ? deadlineReminderDue(deadline, today) : null;
    if (!first || !deadline || threshold === null) {
      continue;
    }
    const left = daysBetween(today, deadline);
    const when = `${describeDaysLeft(left)} (${formatDateEs(deadline)})`;
    const single = group.length === 1;
    const title = single
      ? `Plazo próximo: ${instanceLabel(first)} ${when}`
      : `Plazo próximo: ${herramientas(group.length)} de ${first.municipality} ${describeDaysLeft(left, true)} (${formatDateEs(deadline)})`;
    const body = [
      `${first.municipality} tiene ${herramientas(group.length)} sin validar cuyo plazo ${when}:`,
      "",
      listed(group.map((row) => `${instanceLabel(row)} (${TOOL_STATE_LABELS[row.state]})`)),
      "",
      "Suba la evidencia y envíela a revisión antes del plazo.",
    ].join("\n");
    for (const person of people.get(first.cvegeo) ?? []) {
      drafts.push({
        userId: person.id,
        kind: "deadline_approaching",
        title,
        body,
        link: single ? `/herramientas/${first.id}` : `/municipios/${first.cvegeo}`,
        dedupeKey: deadlineReminderKey(first.cvegeo, deadline, threshold),
        action: single ? "Ver la herramienta" : "Ver las herramientas del municipio",
      });
    }
  }
  return (await notify(tx, drafts)).created;
}

function overdueLine(row: InstanceRow, today: LocalDate): string {
  const deadline = row.deadline ?? today;
  const ago = describeSpan(calendarSpan(deadline, today));
  return `${instanceLabel(row)}: venció el ${formatDateEs(deadline)} (hace ${ago}; ${TOOL_STATE_LABELS[row.state as ToolState].toLowerCase()})`;
}

/**
 * The weekly overdue digest: each municipal user gets the list of their municipality's overdue
 * tools; reviewers and admins a regional summary. Once per person per ISO week.
 */
async function digestOverdue(tx: Executor, today: LocalDate): Promise<number> {
  const rows = await instanceRows(
    tx,
    and(ne(toolInstances.state, "validated"), lt(toolInstances.deadline, today)),
  );
  if (rows.length === 0) {
    return 0;
  }
  const key = overdueDigestKey(today);
  const byMunicipality = groupBy(rows, (row) => row.cvegeo);
  const people = await peopleByMunicipality(tx, [...byMunicipality.keys()]);
  const drafts: NotificationDraft[] = [];
  for (const [cvegeo, overdue] of byMunicipality) {
    const name = overdue[0]?.municipality ?? cvegeo;
    const title = `Resumen semanal: ${herramientas(overdue.length)} con el plazo vencido en ${name}`;
    const body = [
      `Estas herramientas de ${name} tienen el plazo vencido y aún no están validadas:`,
      "",
      listed(overdue.map((row) => overdueLine(row, today))),
      "",
      "Envíelas a revisión cuanto antes; si necesita apoyo, comuníquese con el órgano garante.",
    ].join("\n");
    for (const person of people.get(cvegeo) ?? []) {
      drafts.push({
        userId: person.id,
        kind: "overdue_digest",
        title,
        body,
        link: `/municipios/${cvegeo}`,
        dedupeKey: key,
        action: "Ver las herramientas del municipio",
      });
    }
  }

  const ranking = [...byMunicipality.values()]
    .map((overdue) => ({
      cvegeo: overdue[0]?.cvegeo ?? "",
      name: overdue[0]?.municipality ?? "",
      count: overdue.length,
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "es"));
  const staffTitle = `Resumen semanal: ${herramientas(rows.length)} con el plazo vencido en ${ranking.length === 1 ? "1 municipio" : `${ranking.length} municipios`}`;
  const staffBody = [
    `En la región hay ${herramientas(rows.length)} con el plazo vencido sin validar, en ${ranking.length === 1 ? "1 municipio" : `${ranking.length} municipios`}. Los municipios con más vencidas:`,
    "",
    listed(ranking.map((m) => `${m.name} (${m.cvegeo}): ${herramientas(m.count)}`)),
  ].join("\n");
  for (const person of await staffRecipients(tx, STAFF_ROLES)) {
    drafts.push({
      userId: person.id,
      kind: "overdue_digest",
      title: staffTitle,
      body: staffBody,
      // The gap matrix, overdue cells only, the municipalities with most overdue first.
      link: "/brechas?vencidas=si&orden=overdue",
      dedupeKey: key,
      action: "Ver la matriz de brechas",
    });
  }
  return (await notify(tx, drafts)).created;
}

/**
 * Open commitments due within three days (or today): their owner is reminded, or, when the owner
 * has no account, the liaison of the municipality that owns the commitment.
 */
async function remindCommitments(tx: Executor, today: LocalDate): Promise<number> {
  const rows = (
    await tx
      .select({
        id: commitments.id,
        description: commitments.description,
        dueOn: commitments.dueOn,
        ownerUserId: commitments.ownerUserId,
        ownerName: commitments.ownerName,
        cvegeo: commitments.municipalityCvegeo,
        actionId: supportActions.id,
        actionTitle: supportActions.title,
      })
      .from(commitments)
      .innerJoin(supportActions, eq(supportActions.id, commitments.actionId))
      .where(
        and(
          eq(commitments.status, "open"),
          between(commitments.dueOn, today, plusDays(today, COMMITMENT_REMINDER_DAYS)),
        ),
      )
      .orderBy(asc(commitments.dueOn))
  ).filter((row) => commitmentReminderDue(row.dueOn, today));
  if (rows.length === 0) {
    return 0;
  }
  const owners = new Map(
    (
      await usersById(
        tx,
        rows.flatMap((row) => (row.ownerUserId ? [row.ownerUserId] : [])),
      )
    ).map((user) => [user.id, user]),
  );
  const liaisons = await peopleByMunicipality(
    tx,
    rows.flatMap((row) => (row.cvegeo ? [row.cvegeo] : [])),
    ["liaison"],
  );
  const drafts: NotificationDraft[] = [];
  for (const row of rows) {
    const owner = row.ownerUserId ? owners.get(row.ownerUserId) : undefined;
    const recipients = owner ? [owner] : row.cvegeo ? (liaisons.get(row.cvegeo) ?? []) : [];
    const when = `${describeDaysLeft(daysBetween(today, row.dueOn))} (${formatDateEs(row.dueOn)})`;
    const short =
      row.description.length > 80 ? `${row.description.slice(0, 79)}…` : row.description;
    for (const person of recipients) {
      drafts.push({
        userId: person.id,
        kind: "commitment_due",
        title: `Acuerdo próximo a vencer: ${short}`,
        body: [
          `El acuerdo «${row.description}» de «${row.actionTitle}» ${when}.`,
          "",
          `Responsable: ${row.ownerName}.`,
        ].join("\n"),
        link: supportActionPath(row.actionId),
        dedupeKey: commitmentReminderKey(row.id, row.dueOn),
        action: "Ver la acción y sus acuerdos",
      });
    }
  }
  return (await notify(tx, drafts)).created;
}

/**
 * The daily reminder job: deadlines in 30, 7 and 1 days, the weekly overdue digest and commitments
 * coming due. Everything it owes is decided for today (src/domain/reminders.ts), which is also how
 * it catches up after downtime; dedupe keys make each reminder reach each person once.
 */
export const reminderJob: DailyJob = {
  name: "reminders",
  async run({ tx, today }) {
    const deadlines = await remindDeadlines(tx, today);
    const digests = await digestOverdue(tx, today);
    const due = await remindCommitments(tx, today);
    return `plazos: ${deadlines}, resúmenes de vencidas: ${digests}, acuerdos: ${due}`;
  },
};
