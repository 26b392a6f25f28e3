import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type {
  Agreement,
  AgreementChange,
  ToolInstanceDetail,
} from "../../../contracts/participation.js";
import { isAgreementTool } from "../../../domain/agreement-tool.js";
import type { PeriodKind } from "../../../domain/model.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreementChanges,
  agreements,
  documents,
  liaisonDesignations,
  modelVersions,
  municipalities,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { preparedOn } from "../../lib/prepared.js";
import { documentRef } from "../documents/queries.js";

function selectAgreements(db: Executor, where: SQL | undefined) {
  return db
    .select({
      agreement: agreements,
      municipalityName: municipalities.name,
      modelVersion: modelVersions.version,
      liaisonId: users.id,
      liaisonName: users.name,
      liaisonEmail: users.email,
      document: documents,
    })
    .from(agreements)
    .innerJoin(municipalities, eq(municipalities.cvegeo, agreements.municipalityCvegeo))
    .innerJoin(modelVersions, eq(modelVersions.id, agreements.modelVersionId))
    .leftJoin(
      liaisonDesignations,
      and(
        eq(liaisonDesignations.municipalityCvegeo, agreements.municipalityCvegeo),
        isNull(liaisonDesignations.endedAt),
      ),
    )
    .leftJoin(users, eq(users.id, liaisonDesignations.userId))
    .leftJoin(documents, eq(documents.id, agreements.documentId))
    .where(where)
    .orderBy(asc(agreements.municipalityCvegeo));
}

type Row = Awaited<ReturnType<typeof selectAgreements>>[number];

function present(row: Row): Agreement {
  const { agreement } = row;
  return {
    id: agreement.id,
    municipality: { cvegeo: agreement.municipalityCvegeo, name: row.municipalityName },
    signedOn: agreement.signedOn,
    cohort: agreement.cohort,
    modelVersion: row.modelVersion ?? 0,
    liaison: row.liaisonId
      ? { id: row.liaisonId, name: row.liaisonName ?? "", email: row.liaisonEmail ?? "" }
      : null,
    document: documentRef(row.document),
    participation: {
      status: agreement.participation,
      since: agreement.participationSince ?? agreement.signedOn,
    },
    createdAt: agreement.createdAt.toISOString(),
    updatedAt: agreement.updatedAt.toISOString(),
  };
}

export async function listAgreements(
  db: Executor,
  filters: { cohort?: string | undefined },
): Promise<Agreement[]> {
  const rows = await selectAgreements(
    db,
    filters.cohort ? eq(agreements.cohort, filters.cohort) : undefined,
  );
  return rows.map(present);
}

export async function getAgreementOf(db: Executor, cvegeo: string): Promise<Agreement> {
  const [row] = await selectAgreements(db, eq(agreements.municipalityCvegeo, cvegeo));
  if (!row) {
    throw notFound("El municipio no tiene convenio registrado.");
  }
  return present(row);
}

export async function getAgreement(db: Executor, id: string): Promise<Agreement> {
  const [row] = await selectAgreements(db, eq(agreements.id, id));
  if (!row) {
    throw notFound("El convenio no existe.");
  }
  return present(row);
}

/** What happened to an agreement after it was registered, in the order it happened. */
export async function listAgreementChanges(
  db: Executor,
  agreementId: string,
): Promise<AgreementChange[]> {
  const rows = await db
    .select({ change: agreementChanges, document: documents, createdBy: users.name })
    .from(agreementChanges)
    .leftJoin(documents, eq(documents.id, agreementChanges.documentId))
    .leftJoin(users, eq(users.id, agreementChanges.createdBy))
    .where(eq(agreementChanges.agreementId, agreementId))
    .orderBy(asc(agreementChanges.effectiveOn), asc(agreementChanges.createdAt));
  return rows.map(({ change, document, createdBy }) => ({
    id: change.id,
    agreementId: change.agreementId,
    kind: change.kind,
    effectiveOn: change.effectiveOn,
    validUntil: change.validUntil,
    reason: change.reason,
    document: documentRef(document),
    createdBy,
    createdAt: change.createdAt.toISOString(),
  }));
}

/** One change of an agreement. */
export async function getAgreementChange(db: Executor, id: string): Promise<AgreementChange> {
  const [row] = await db
    .select({ agreementId: agreementChanges.agreementId })
    .from(agreementChanges)
    .where(eq(agreementChanges.id, id));
  const change = row
    ? (await listAgreementChanges(db, row.agreementId)).find((c) => c.id === id)
    : undefined;
  if (!change) {
    throw notFound("El cambio del convenio no existe.");
  }
  return change;
}

/**
 * The agreement behind an instance of the agreement tool (E1): it is validated as of the signing
 * date and the signed agreement is its document. Null for every other tool.
 */
export async function agreementOfAgreementTool(
  db: Database,
  instance: { agreementId: string },
  tool: { periodKind: PeriodKind },
): Promise<ToolInstanceDetail["agreement"]> {
  if (!isAgreementTool(tool.periodKind)) {
    return null;
  }
  const [row] = await agreementWithDocument(db).execute({ id: instance.agreementId });
  return row ? { id: row.id, signedOn: row.signedOn, document: documentRef(row.document) } : null;
}

const agreementWithDocument = preparedOn((db) =>
  db
    .select({ id: agreements.id, signedOn: agreements.signedOn, document: documents })
    .from(agreements)
    .leftJoin(documents, eq(documents.id, agreements.documentId))
    .where(eq(agreements.id, sql.placeholder("id")))
    .prepare("mrtm_agreement_with_document"),
);
