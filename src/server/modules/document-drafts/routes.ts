import { IdParams } from "../../../contracts/common.js";
import {
  DraftComment,
  DraftView,
  NewDraftComment,
  SaveDocumentDraft,
  SavedDocumentDraft,
} from "../../../contracts/document-drafts.js";
import type { DraftContent } from "../../../domain/document-templates.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { draftDocx } from "./docx.js";
import { draftPdf } from "./pdf.js";
import { getDraftView } from "./queries.js";
import { addComment, exportDraft, saveDraft } from "./service.js";

const tags = ["documentos guiados"];

const MIME = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

export async function documentDraftRoutes(app: App): Promise<void> {
  const { db, now } = app.deps;
  const context = (request: Parameters<typeof actorOf>[0]) => ({
    user: requireUser(request).user,
    actor: actorOf(request),
    now: now(),
  });

  app.get(
    "/api/tool-instances/:id/draft",
    {
      schema: {
        tags,
        summary:
          "El documento guiado de una herramienta: plantilla, borrador, avance y comentarios",
        params: IdParams,
        response: { 200: DraftView },
      },
    },
    async (request) => getDraftView(db, request.params.id, requireUser(request).user),
  );

  app.put(
    "/api/tool-instances/:id/draft",
    {
      schema: {
        tags,
        summary:
          "Guardar el borrador (equipo del municipio), con la revisión de la que partió: 409 draft_conflict si alguien guardó antes",
        params: IdParams,
        body: SaveDocumentDraft,
        response: { 200: SavedDocumentDraft },
      },
    },
    async (request) =>
      saveDraft(
        db,
        request.params.id,
        {
          content: request.body.content as DraftContent,
          expectedRevision: request.body.expectedRevision,
        },
        context(request),
      ),
  );

  app.post(
    "/api/tool-instances/:id/draft/comments",
    {
      schema: {
        tags,
        summary: "Comentar una sección del borrador (equipo del municipio)",
        params: IdParams,
        body: NewDraftComment,
        response: { 201: DraftComment },
      },
    },
    async (request, reply) => {
      const comment = await addComment(db, request.params.id, request.body, context(request));
      return reply.code(201).send(comment);
    },
  );

  for (const format of ["docx", "pdf"] as const) {
    app.get(
      `/api/tool-instances/:id/draft/${format}`,
      {
        schema: {
          tags,
          summary: `El borrador en ${format.toUpperCase()}, para su aprobación formal`,
          params: IdParams,
        },
      },
      async (request, reply) => {
        const { printed, fileName } = await exportDraft(
          db,
          request.params.id,
          format,
          context(request),
        );
        const body = format === "docx" ? await draftDocx(printed) : draftPdf(printed);
        return reply
          .type(MIME[format])
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .header("x-content-type-options", "nosniff")
          .send(body);
      },
    );
  }
}
