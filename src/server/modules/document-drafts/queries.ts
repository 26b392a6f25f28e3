import { and, asc, eq } from "drizzle-orm";
import type { DraftView } from "../../../contracts/document-drafts.js";
import {
  completeness,
  type DocumentTemplate,
  type DraftContent,
  emptyDraft,
} from "../../../domain/document-templates.js";
import { canDraftDocument } from "../../../domain/policy.js";
import type { Executor } from "../../db/client.js";
import {
  type DraftSnapshot,
  documentDraftComments,
  documentDrafts,
  modelToolParts,
  modelTools,
  municipalities,
  toolInstances,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { instanceJoins } from "../../lib/instance-joins.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";

/** A tool instance with what its guided document needs: names, state and the template. */
export interface DraftTarget {
  instanceId: string;
  cvegeo: string;
  municipalityName: string;
  toolCode: string;
  toolName: string;
  partCode: string | null;
  partName: string | null;
  state: (typeof toolInstances.$inferSelect)["state"];
  template: DocumentTemplate;
}

/** The columns holding an instance's templates, its tool's and its part's: `templateOf` picks one. */
const templateColumns = {
  toolTemplate: modelTools.template,
  partTemplate: modelToolParts.template,
};

/** The template an instance follows: a component its part's, any other instance its tool's. */
function templateOf<T>(
  row: { partCode: string | null; toolTemplate: T | null; partTemplate: T | null } | undefined,
): T | null {
  return row ? (row.partCode === null ? row.toolTemplate : row.partTemplate) : null;
}

/**
 * The instance of a guided document, in the asker's scope (another municipality's is not found),
 * locked when a write follows. A tool without a template has no draft: 404 too.
 */
export async function findDraftTarget(
  db: Executor,
  instanceId: string,
  user: AuthUser,
  lock = false,
): Promise<DraftTarget> {
  const query = db
    .select({
      instanceId: toolInstances.id,
      cvegeo: toolInstances.municipalityCvegeo,
      municipalityName: municipalities.name,
      toolCode: toolInstances.toolCode,
      toolName: modelTools.name,
      partCode: toolInstances.partCode,
      partName: modelToolParts.name,
      state: toolInstances.state,
      ...templateColumns,
    })
    .from(toolInstances)
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(and(eq(toolInstances.id, instanceId), inScope(user, toolInstances.municipalityCvegeo)));
  const [row] = lock ? await query.for("update", { of: toolInstances }) : await query;
  const template = templateOf(row);
  if (!row || !template) {
    throw notFound("Esta herramienta no tiene un documento guiado.");
  }
  const { toolTemplate: _tool, partTemplate: _part, ...target } = row;
  return { ...target, template };
}

/** The stored draft of an instance, or null before its first save. */
export async function findDraft(db: Executor, instanceId: string, lock = false) {
  const query = db
    .select({
      id: documentDrafts.id,
      content: documentDrafts.content,
      revision: documentDrafts.revision,
      updatedAt: documentDrafts.updatedAt,
      updatedBy: users.name,
    })
    .from(documentDrafts)
    .innerJoin(users, eq(users.id, documentDrafts.updatedBy))
    .where(eq(documentDrafts.toolInstanceId, instanceId));
  const [row] = lock ? await query.for("update", { of: documentDrafts }) : await query;
  return row ?? null;
}

/** The server's version of a draft, as a conflict or the export shows it. */
export function draftVersion(
  target: DraftTarget,
  draft: Awaited<ReturnType<typeof findDraft>>,
): { content: DraftContent; revision: number; updatedAt: string | null; updatedBy: string | null } {
  return {
    content: draft?.content ?? emptyDraft(target.template),
    revision: draft?.revision ?? 0,
    updatedAt: draft?.updatedAt.toISOString() ?? null,
    updatedBy: draft?.updatedBy ?? null,
  };
}

/** `GET /api/tool-instances/:id/draft`: template, content, completeness and the team's comments. */
export async function getDraftView(
  db: Executor,
  instanceId: string,
  user: AuthUser,
): Promise<DraftView> {
  const target = await findDraftTarget(db, instanceId, user);
  const draft = await findDraft(db, instanceId);
  const comments = draft
    ? await db
        .select({
          id: documentDraftComments.id,
          sectionKey: documentDraftComments.sectionKey,
          body: documentDraftComments.body,
          author: users.name,
          createdAt: documentDraftComments.createdAt,
        })
        .from(documentDraftComments)
        .innerJoin(users, eq(users.id, documentDraftComments.authorId))
        .where(eq(documentDraftComments.draftId, draft.id))
        .orderBy(asc(documentDraftComments.createdAt), asc(documentDraftComments.id))
    : [];
  const version = draftVersion(target, draft);
  return {
    instanceId: target.instanceId,
    municipality: { cvegeo: target.cvegeo, name: target.municipalityName },
    tool: {
      code: target.toolCode,
      name: target.partName ?? target.toolName,
      part: target.partCode,
    },
    template: target.template,
    ...version,
    completeness: completeness(target.template, version.content),
    comments: comments.map((comment) => ({
      ...comment,
      createdAt: comment.createdAt.toISOString(),
    })),
    canEdit: canDraftDocument(user, target.cvegeo),
  };
}

/**
 * The draft as it stands, with its template, to keep with a submission (the reviewer reads it
 * beside the signed file); null when the tool has no template or nobody saved a draft. The caller
 * has already checked who asks, and holds the instance's lock.
 */
export async function draftSnapshot(
  db: Executor,
  instanceId: string,
): Promise<DraftSnapshot | null> {
  const [row] = await db
    .select({
      content: documentDrafts.content,
      revision: documentDrafts.revision,
      partCode: toolInstances.partCode,
      ...templateColumns,
    })
    .from(documentDrafts)
    .innerJoin(toolInstances, eq(toolInstances.id, documentDrafts.toolInstanceId))
    .innerJoin(modelTools, instanceJoins.tool)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(eq(documentDrafts.toolInstanceId, instanceId));
  const template = templateOf(row);
  return row && template ? { template, content: row.content, revision: row.revision } : null;
}
