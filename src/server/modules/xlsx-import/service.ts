/**
 * The XLSX import (issue 17, decision 0025): a dry run that reports what each row would create or
 * change, and the apply, which writes the same plan in one transaction with its audit events.
 * Importing a file again finds every row «Sin cambios» and writes nothing but its audit event.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { IMPORT_REPORT_ROWS, type ImportReport } from "../../../contracts/xlsx-import.js";
import { isAgreementTool, signingInstant } from "../../../domain/agreement-tool.js";
import { localDateOf } from "../../../domain/dates.js";
import type { DiagnosticAnswer } from "../../../domain/diagnostic.js";
import { foldForSearch } from "../../../domain/text.js";
import type { ToolState } from "../../../domain/tool-state.js";
import {
  type CurrentInstance,
  IMPORT_SHEET_NAMES,
  IMPORT_SHEETS,
  type ImportCurrent,
  type ImportOperation,
  type ImportPlan,
  instanceKey,
  planCounts,
  planImport,
  recogniseSheets,
} from "../../../domain/xlsx-import.js";
import { rowsOf } from "../../archive/tables.js";
import type { Database, Executor, Transaction } from "../../db/client.js";
import {
  agreements,
  diagnostics,
  liaisonDesignations,
  modelTools,
  modelVersions,
  municipalities,
  submissions,
  toolInstances,
  users,
} from "../../db/schema/index.js";
import { type Actor, type AuditEntry, recordAudits } from "../../lib/audit.js";
import { BULK_ROWS_PER_STATEMENT, type BulkColumn, jsonRows } from "../../lib/bulk.js";
import { AppError } from "../../lib/errors.js";
import { generatePassword, hashPassword } from "../../lib/passwords.js";
import { mailQueued } from "../../mail/signal.js";
import { issueAccountLinks } from "../auth/password-reset.js";
import { designateWithin } from "../liaisons/service.js";
import {
  loadSyncModel,
  recomputeDeadlines,
  syncInstances,
  syncManyInstances,
} from "../tool-instances/sync.js";
import type { WelcomeOptions } from "../users/service.js";
import { readWorkbook } from "./workbook.js";

/** Told how far the apply is, as it goes (the web's progress bar). */
export type ProgressListener = (done: number, total: number) => void;

export interface ImportFile {
  fileName: string;
  content: Buffer;
}

const REASON = "Importación XLSX";
const knownSheet = (name: string) => {
  const folded = foldForSearch(name).trim();
  return (
    folded === "resumen" ||
    IMPORT_SHEETS.some((s) => foldForSearch(IMPORT_SHEET_NAMES[s]) === folded)
  );
};

/** The model in force (the published version with the highest number), which new agreements take. */
async function modelToImportInto(db: Executor) {
  const [model] = await db
    .select({ id: modelVersions.id, version: modelVersions.version })
    .from(modelVersions)
    .where(isNotNull(modelVersions.version))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  if (!model) {
    throw new AppError("conflict", "No hay un modelo publicado: publique uno antes de importar.");
  }
  return model;
}

/** Reads the file and plans it against the database as it is now. */
async function planFile(
  db: Database | Transaction,
  file: ImportFile,
  now: Date,
): Promise<ImportPlan> {
  const sheets = recogniseSheets(await readWorkbook(file.content, knownSheet));
  const model = await modelToImportInto(db);
  const { content } = await loadSyncModel(db, model.id);
  const names = await db
    .select({ cvegeo: municipalities.cvegeo, name: municipalities.name })
    .from(municipalities);
  return planImport(
    sheets,
    {
      municipalities: new Map(names.map((m) => [m.cvegeo, m.name])),
      model: content,
      today: localDateOf(now),
    },
    await loadCurrent(db),
  );
}

/** Everything of the database an import compares with: one query per table. */
async function loadCurrent(db: Database | Transaction): Promise<ImportCurrent> {
  const agreementRows = await db
    .select({
      id: agreements.id,
      cvegeo: agreements.municipalityCvegeo,
      signedOn: agreements.signedOn,
      cohort: agreements.cohort,
    })
    .from(agreements);
  const accountRows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      municipality: users.municipalityCvegeo,
      active: users.active,
    })
    .from(users);
  const designationRows = await db
    .select({
      cvegeo: liaisonDesignations.municipalityCvegeo,
      email: users.email,
      designatedOn: liaisonDesignations.designatedOn,
    })
    .from(liaisonDesignations)
    .innerJoin(users, eq(users.id, liaisonDesignations.userId))
    .where(isNull(liaisonDesignations.endedAt));
  const instanceRows = await db
    .select({
      id: toolInstances.id,
      cvegeo: toolInstances.municipalityCvegeo,
      tool: toolInstances.toolCode,
      part: toolInstances.partCode,
      cycle: toolInstances.cycle,
      state: toolInstances.state,
      firstSubmittedAt: toolInstances.firstSubmittedAt,
      validatedAt: toolInstances.validatedAt,
      periodKind: modelTools.periodKind,
    })
    .from(toolInstances)
    .innerJoin(modelTools, eq(modelTools.id, toolInstances.modelToolId));
  const submitted = new Set(
    (await db.selectDistinct({ id: submissions.toolInstanceId }).from(submissions)).map(
      (row) => row.id,
    ),
  );
  // Imported and agreement dates are few distinct instants (midday of a day): each day's
  // calendar date is computed once, not once per instance.
  const days = new Map<number, string>();
  const dayOf = (instant: Date | null) => {
    if (!instant) {
      return null;
    }
    const at = instant.getTime();
    let day = days.get(at);
    if (day === undefined) {
      day = localDateOf(instant);
      days.set(at, day);
    }
    return day;
  };
  const keyById = new Map<string, string>();
  const instances = new Map<string, CurrentInstance>();
  for (const row of instanceRows) {
    const key = instanceKey(row.cvegeo, row.tool, row.part, row.cycle);
    keyById.set(row.id, key);
    instances.set(key, {
      state: row.state,
      submittedOn: dayOf(row.firstSubmittedAt),
      validatedOn: dayOf(row.validatedAt),
      hasSubmissions: submitted.has(row.id),
      agreementTool: isAgreementTool(row.periodKind),
    });
  }
  const diagnosticRows = await db.select().from(diagnostics);
  return {
    agreements: new Map(agreementRows.map((a) => [a.cvegeo, a])),
    accounts: new Map(accountRows.map((u) => [u.email.toLowerCase(), u])),
    designations: new Map(
      designationRows.map((d) => [
        d.cvegeo,
        { email: d.email.toLowerCase(), designatedOn: d.designatedOn },
      ]),
    ),
    instances,
    diagnostics: new Map(
      diagnosticRows.map((d) => [
        d.municipalityCvegeo,
        {
          submitted: d.status !== "draft",
          answers: new Map(
            Object.entries(d.answers).flatMap(([id, answer]) => {
              const key = keyById.get(id);
              return key ? [[key, answer] as const] : [];
            }),
          ),
        },
      ]),
    ),
  };
}

function report(file: ImportFile, plan: ImportPlan, applied: boolean): ImportReport {
  return {
    fileName: file.fileName,
    applied,
    counts: planCounts(plan),
    rows: plan.rows
      .filter((row) => row.action !== "unchanged")
      .slice(0, IMPORT_REPORT_ROWS)
      .map(({ operations: _, ...row }) => row),
    problems: plan.problems.slice(0, IMPORT_REPORT_ROWS),
  };
}

/** The dry run: what the file would do, and every problem; nothing is written. */
export async function dryRunImport(
  db: Database,
  file: ImportFile,
  now: Date,
): Promise<ImportReport> {
  return report(file, await planFile(db, file, now), false);
}

export interface ApplyImportOptions {
  actor: Actor;
  now: Date;
  welcome: WelcomeOptions;
  onProgress?: ProgressListener | undefined;
}

/**
 * Applies the file in one transaction: refused whole (`import_invalid`, every problem in the
 * details) when any row has a problem. New accounts get their welcome e-mail (decision 0017).
 */
export async function applyImport(
  db: Database,
  file: ImportFile,
  options: ApplyImportOptions,
): Promise<ImportReport> {
  const { actor, now } = options;
  const result = await db.transaction(async (tx) => {
    // Planned inside the transaction, so what it compares with is what it writes over.
    const plan = await planFile(tx, file, now);
    if (plan.problems.length > 0) {
      throw new AppError(
        "import_invalid",
        `El archivo tiene ${plan.problems.length} problema(s); no se importó nada. Corríjalos (la revisión previa los muestra) y vuelva a intentarlo.`,
        plan.problems.slice(0, IMPORT_REPORT_ROWS).map((p) => ({
          field: [p.sheet, p.row === null ? null : `fila ${p.row}`, p.column]
            .filter(Boolean)
            .join(" · "),
          message: p.message,
        })),
      );
    }
    const operations = plan.rows.flatMap((row) => row.operations);
    const writer = new ImportWriter(tx, options, operations.length);
    await writer.write(operations);
    const counts = planCounts(plan);
    await recordAudits(tx, actor, [
      {
        action: "xlsx_import.applied",
        entityType: "xlsx_import",
        after: {
          fileName: file.fileName,
          sha256: createHash("sha256").update(file.content).digest("hex"),
          created: counts.create,
          updated: counts.update,
          unchanged: counts.unchanged,
        },
      },
    ]);
    return { plan, mailed: writer.mailed };
  });
  if (result.mailed > 0) {
    mailQueued();
  }
  return report(file, result.plan, true);
}

interface UpdatedInstance {
  id: string;
  cvegeo: string;
  tool: string;
  part: string | null;
  cycle: number;
  before_state: ToolState;
  before_sent: Date | string | null;
  before_validated: Date | string | null;
}

type Op<K extends ImportOperation["kind"]> = Extract<ImportOperation, { kind: K }>;
const STATE_COLUMNS: readonly BulkColumn[] = [
  ["cvegeo", "varchar"],
  ["tool", "text"],
  ["part", "text"],
  ["cycle", "integer"],
  ["state", "tool_state"],
  ["sent", "timestamptz"],
  ["validated", "timestamptz"],
];
const BATCH = 500;

/** Writes a plan's operations, kind by kind, in the order they depend on each other. */
class ImportWriter {
  mailed = 0;
  private done = 0;
  private audits: AuditEntry[] = [];

  constructor(
    private readonly tx: Transaction,
    private readonly options: ApplyImportOptions,
    private readonly total: number,
  ) {}

  private step(count: number) {
    this.done += count;
    this.options.onProgress?.(this.done, this.total);
  }

  private async flushAudits() {
    await recordAudits(this.tx, this.options.actor, this.audits);
    this.audits = [];
  }

  async write(operations: ImportOperation[]): Promise<void> {
    const of = <K extends ImportOperation["kind"]>(kind: K) =>
      operations.filter((op): op is Op<K> => op.kind === kind);
    this.options.onProgress?.(0, this.total);
    await this.createAgreements(of("agreement.create"));
    await this.updateAgreements(of("agreement.update"));
    await this.createAccounts(of("account.create"));
    await this.renameAccounts(of("account.update"));
    await this.designate(of("designation"));
    await this.setStates(of("state"));
    await this.answerDiagnostics(of("diagnostic"));
    await this.flushAudits();
  }

  private async createAgreements(ops: Op<"agreement.create">[]) {
    if (ops.length === 0) {
      return;
    }
    const { tx } = this;
    const model = await modelToImportInto(tx);
    const loaded = await loadSyncModel(tx, model.id);
    for (let start = 0; start < ops.length; start += BATCH) {
      const batch = ops.slice(start, start + BATCH);
      const created = await tx
        .insert(agreements)
        .values(
          batch.map((op) => ({
            municipalityCvegeo: op.cvegeo,
            signedOn: op.signedOn,
            cohort: op.cohort,
            modelVersionId: model.id,
            createdBy: this.options.actor.id,
          })),
        )
        .returning();
      // The agreements' events before what follows from them (E1 validated), as registering does.
      for (const agreement of created) {
        this.audits.push({
          action: "agreement.registered",
          entityType: "agreement",
          entityId: agreement.id,
          municipality: agreement.municipalityCvegeo,
          after: {
            signedOn: agreement.signedOn,
            cohort: agreement.cohort,
            modelVersion: model.version,
          },
        });
      }
      await this.flushAudits();
      await syncManyInstances(tx, created, this.options.now, this.options.actor, loaded);
      this.step(batch.length);
    }
  }

  private async updateAgreements(ops: Op<"agreement.update">[]) {
    const { tx, options } = this;
    for (const op of ops) {
      const [before] = await tx
        .select()
        .from(agreements)
        .where(eq(agreements.id, op.id))
        .for("update");
      const [after] = await tx
        .update(agreements)
        .set({ signedOn: op.signedOn, cohort: op.cohort, updatedAt: options.now })
        .where(eq(agreements.id, op.id))
        .returning();
      if (!before || !after) {
        throw new Error("an agreement planned for the import disappeared");
      }
      if (after.signedOn !== before.signedOn) {
        await recomputeDeadlines(tx, after);
        await syncInstances(tx, after, options.now, options.actor);
      }
      this.audits.push({
        action: "agreement.corrected",
        entityType: "agreement",
        entityId: op.id,
        municipality: after.municipalityCvegeo,
        before: { signedOn: before.signedOn, cohort: before.cohort },
        after: { signedOn: after.signedOn, cohort: after.cohort, reason: REASON },
      });
      this.step(1);
    }
  }

  private async createAccounts(ops: Op<"account.create">[]) {
    if (ops.length === 0) {
      return;
    }
    const { tx, options } = this;
    // One hash of a random password nobody ever sees serves every new account: each sets its own
    // from the welcome link (hashing one per account would take minutes for a whole state).
    const passwordHash = await hashPassword(generatePassword());
    for (let start = 0; start < ops.length; start += BATCH) {
      const batch = ops.slice(start, start + BATCH);
      const created = await tx
        .insert(users)
        .values(
          batch.map((op) => ({
            email: op.email,
            name: op.name,
            role: op.role,
            municipalityCvegeo: op.cvegeo,
            passwordHash,
            mustChangePassword: true,
          })),
        )
        .returning();
      const expiresAt = await issueAccountLinks(tx, {
        users: created,
        purpose: "welcome",
        now: options.welcome.now,
        publicUrl: options.welcome.publicUrl,
        ip: options.actor.ip,
      });
      this.mailed += created.length;
      for (const user of created) {
        this.audits.push(
          {
            action: "user.created",
            entityType: "user",
            entityId: user.id,
            municipality: user.municipalityCvegeo,
            after: {
              email: user.email,
              name: user.name,
              role: user.role,
              municipality: user.municipalityCvegeo,
              active: user.active,
            },
          },
          {
            action: "user.welcome_link_sent",
            entityType: "user",
            entityId: user.id,
            municipality: user.municipalityCvegeo,
            after: { expiresAt: expiresAt.toISOString(), invitedBy: options.actor.label },
          },
        );
      }
      this.step(batch.length);
    }
  }

  private async renameAccounts(ops: Op<"account.update">[]) {
    for (const op of ops) {
      const [before] = await this.tx.select().from(users).where(eq(users.id, op.id)).for("update");
      const [after] = await this.tx
        .update(users)
        .set({ name: op.name, updatedAt: this.options.now })
        .where(eq(users.id, op.id))
        .returning();
      if (!before || !after) {
        throw new Error("an account planned for the import disappeared");
      }
      const view = (u: typeof before) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        municipality: u.municipalityCvegeo,
        active: u.active,
      });
      this.audits.push({
        action: "user.updated",
        entityType: "user",
        entityId: op.id,
        municipality: after.municipalityCvegeo,
        before: view(before),
        after: view(after),
      });
      this.step(1);
    }
  }

  /**
   * Designations. A municipality without a current liaison (every new agreement) gets its
   * designation in one statement per batch; one that has a liaison goes through
   * `designateWithin`, which ends the previous designation and deactivates that account.
   */
  private async designate(ops: Op<"designation">[]) {
    await this.flushAudits();
    const { tx, options } = this;
    for (let start = 0; start < ops.length; start += BATCH) {
      const batch = ops.slice(start, start + BATCH);
      const municipalities = batch.map((op) => op.cvegeo);
      // As `designateWithin` does: the agreements locked serialise designations per municipality.
      await tx
        .select({ id: agreements.id })
        .from(agreements)
        .where(inArray(agreements.municipalityCvegeo, municipalities))
        .for("update");
      const current = await tx
        .select({ cvegeo: liaisonDesignations.municipalityCvegeo })
        .from(liaisonDesignations)
        .where(
          and(
            inArray(liaisonDesignations.municipalityCvegeo, municipalities),
            isNull(liaisonDesignations.endedAt),
          ),
        );
      const handedOver = new Set(current.map((row) => row.cvegeo));
      const accounts = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(
          inArray(
            sql`lower(${users.email})`,
            batch.map((op) => op.email),
          ),
        );
      const idOf = new Map(accounts.map((account) => [account.email.toLowerCase(), account.id]));
      const first = batch.filter((op) => !handedOver.has(op.cvegeo));
      if (first.length > 0) {
        const inserted = await tx
          .insert(liaisonDesignations)
          .values(
            first.map((op) => ({
              municipalityCvegeo: op.cvegeo,
              userId: idOf.get(op.email) as string,
              designatedOn: op.designatedOn,
              createdBy: options.actor.id,
            })),
          )
          .returning();
        for (const designation of inserted) {
          const email =
            first.find((op) => op.cvegeo === designation.municipalityCvegeo)?.email ?? "";
          this.audits.push({
            action: "liaison.designated",
            entityType: "liaison_designation",
            entityId: designation.id,
            municipality: designation.municipalityCvegeo,
            before: null,
            after: {
              userId: designation.userId,
              email,
              designatedOn: designation.designatedOn,
              previousDeactivated: false,
            },
          });
        }
        await this.flushAudits();
      }
      for (const op of batch.filter((op) => handedOver.has(op.cvegeo))) {
        await designateWithin(
          tx,
          {
            municipality: op.cvegeo,
            userId: idOf.get(op.email) as string,
            designatedOn: op.designatedOn,
          },
          options.actor,
          options.now,
        );
      }
      this.step(batch.length);
    }
  }

  private async setStates(ops: Op<"state">[]) {
    const { tx, options } = this;
    for (let start = 0; start < ops.length; start += BULK_ROWS_PER_STATEMENT) {
      const batch = ops.slice(start, start + BULK_ROWS_PER_STATEMENT);
      const values = jsonRows(
        batch.map((op) => ({
          cvegeo: op.cvegeo,
          tool: op.tool,
          part: op.part ?? "",
          cycle: op.cycle,
          state: op.state,
          sent: op.submittedOn ? signingInstant(op.submittedOn) : null,
          validated: op.validatedOn ? signingInstant(op.validatedOn) : null,
        })),
        STATE_COLUMNS,
        "v",
      );
      // The dates become midday in Mexico City of that day, as the agreement tool's are.
      const updated = await tx.execute(sql`
        with v as (select * from ${values}),
        old as (
          select t.id, t.state, t.first_submitted_at, t.validated_at from tool_instances t
          join v on t.municipality_cvegeo = v.cvegeo and t.tool_code = v.tool
            and coalesce(t.part_code, '') = v.part and t.cycle = v.cycle
          for update of t
        )
        update tool_instances t set
          state = v.state, first_submitted_at = v.sent, validated_at = v.validated,
          imported_at = ${options.now}, version = t.version + 1, updated_at = ${options.now}
        from v, old
        where old.id = t.id and t.municipality_cvegeo = v.cvegeo and t.tool_code = v.tool
          and coalesce(t.part_code, '') = v.part and t.cycle = v.cycle
        returning t.id, t.municipality_cvegeo as cvegeo, t.tool_code as tool, t.part_code as part,
          t.cycle, old.state as before_state, old.first_submitted_at as before_sent,
          old.validated_at as before_validated
      `);
      const rows = rowsOf<UpdatedInstance>(updated);
      if (rows.length !== batch.length) {
        throw new Error("a tool instance planned for the import disappeared");
      }
      const planned = new Map(
        batch.map((op) => [instanceKey(op.cvegeo, op.tool, op.part, op.cycle), op]),
      );
      for (const row of rows) {
        const op = planned.get(
          instanceKey(row.cvegeo, row.tool, row.part, row.cycle),
        ) as Op<"state">;
        const day = (value: Date | string | null) =>
          value === null ? null : localDateOf(new Date(value));
        this.audits.push({
          action: "tool_instance.state_imported",
          entityType: "tool_instance",
          entityId: row.id,
          municipality: row.cvegeo,
          before: {
            state: row.before_state,
            submittedOn: day(row.before_sent),
            validatedOn: day(row.before_validated),
          },
          after: {
            tool: op.tool,
            part: op.part,
            cycle: op.cycle,
            state: op.state,
            submittedOn: op.submittedOn,
            validatedOn: op.validatedOn,
          },
        });
      }
      this.step(batch.length);
    }
  }

  private async answerDiagnostics(ops: Op<"diagnostic">[]) {
    const byMunicipality = new Map<string, Op<"diagnostic">[]>();
    for (const op of ops) {
      byMunicipality.set(op.cvegeo, [...(byMunicipality.get(op.cvegeo) ?? []), op]);
    }
    for (const [cvegeo, answers] of byMunicipality) {
      const instances = await this.tx
        .select({
          id: toolInstances.id,
          tool: toolInstances.toolCode,
          part: toolInstances.partCode,
          cycle: toolInstances.cycle,
        })
        .from(toolInstances)
        .where(eq(toolInstances.municipalityCvegeo, cvegeo));
      const ids = new Map(
        instances.map((i) => [instanceKey(cvegeo, i.tool, i.part, i.cycle), i.id]),
      );
      const [existing] = await this.tx
        .select()
        .from(diagnostics)
        .where(eq(diagnostics.municipalityCvegeo, cvegeo))
        .for("update");
      const merged: Record<string, DiagnosticAnswer> = { ...(existing?.answers ?? {}) };
      for (const op of answers) {
        const id = ids.get(instanceKey(cvegeo, op.tool, op.part, op.cycle));
        if (!id) {
          throw new Error("a tool instance planned for the import disappeared");
        }
        merged[id] = op.answer;
      }
      await this.tx
        .insert(diagnostics)
        .values({
          municipalityCvegeo: cvegeo,
          answers: merged,
          updatedBy: this.options.actor.id,
          updatedAt: this.options.now,
        })
        .onConflictDoUpdate({
          target: diagnostics.municipalityCvegeo,
          set: { answers: merged, updatedBy: this.options.actor.id, updatedAt: this.options.now },
          where: and(eq(diagnostics.status, "draft")),
        });
      this.audits.push({
        action: "diagnostic.saved",
        entityType: "diagnostic",
        municipality: cvegeo,
        before: { answered: Object.keys(existing?.answers ?? {}).length },
        after: { answered: Object.keys(merged).length },
      });
      this.step(answers.length);
    }
  }
}
