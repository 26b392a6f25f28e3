import { useState } from "react";
import type { InstanceConsultation } from "../../../contracts/document-drafts.js";
import {
  CONSULTATION_COMMENT_STATUS_LABELS,
  type ConsultationCommentStatus,
  MAX_CONSULTATION_ANSWER,
} from "../../../domain/consultations.js";
import { ErrorAlert } from "../../ui/Alert";
import { Badge, type BadgeTone } from "../../ui/Badge";
import { Button, MutationButton } from "../../ui/Button";
import { CopyButton } from "../../ui/CopyButton";
import { ConfirmDialog } from "../../ui/Dialog";
import { formatDateTime, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { TextAreaField } from "../../ui/TextField";
import { useConfirmedMutation } from "../../ui/useConfirmedMutation";
import {
  useCloseConsultation,
  useInstanceConsultation,
  useModerateComment,
  useOpenConsultation,
} from "./queries";

type Consultation = NonNullable<InstanceConsultation["consultation"]>;
type Comment = Consultation["comments"][number];

const STATUS_TONES: Record<ConsultationCommentStatus, BadgeTone> = {
  pending: "warning",
  published: "success",
  rejected: "neutral",
};

/**
 * M3: the public consultation of the report. The designated liaison opens it on the saved draft
 * (a public link), publishes or hides each citizen's comment (never edits nor deletes it) and
 * closes it; the rest of the team and staff follow it.
 */
export function ConsultationSection({ instanceId }: { instanceId: string }) {
  const query = useInstanceConsultation(instanceId);
  return (
    <section className="card stack" aria-labelledby="consulta-titulo">
      <h2 id="consulta-titulo">Consulta pública del informe</h2>
      {query.isPending ? (
        <Loading label="Cargando la consulta pública…" />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : query.data.consultation ? (
        <OpenedConsultation
          instanceId={instanceId}
          consultation={query.data.consultation}
          canManage={query.data.canManage}
        />
      ) : (
        <NotOpened instanceId={instanceId} canManage={query.data.canManage} />
      )}
    </section>
  );
}

function NotOpened({ instanceId, canManage }: { instanceId: string; canManage: boolean }) {
  const open = useOpenConsultation(instanceId);
  return (
    <>
      <p className="small">
        La ciudadanía lee el borrador guardado del informe en un enlace público, sin cuenta, y deja
        sus preguntas o comentarios. Usted decide cuáles se publican y les responde; el registro de
        la consulta se agrega al informe en Word y PDF.
      </p>
      {canManage ? (
        <>
          <ErrorAlert error={open.error} />
          <div>
            <MutationButton variant="primary" mutation={open} busyLabel="Abriendo…">
              Abrir la consulta pública
            </MutationButton>
          </div>
        </>
      ) : (
        <p className="empty">
          Este ciclo aún no tiene consulta pública. La abre la persona enlace del municipio.
        </p>
      )}
    </>
  );
}

function OpenedConsultation({
  instanceId,
  consultation,
  canManage,
}: {
  instanceId: string;
  consultation: Consultation;
  canManage: boolean;
}) {
  const isOpen = consultation.closedAt === null;
  const titles = new Map(consultation.sections.map((section) => [section.key, section.title]));
  const pending = consultation.comments.filter((comment) => comment.status === "pending").length;
  return (
    <>
      <p>
        <Badge tone={isOpen ? "success" : "neutral"}>{isOpen ? "Abierta" : "Cerrada"}</Badge>{" "}
        Abierta el {formatDateTime(consultation.openedAt)} sobre la revisión {consultation.revision}{" "}
        del borrador
        {consultation.closedAt ? ` · cerrada el ${formatDateTime(consultation.closedAt)}` : ""}
      </p>
      <p>
        Enlace público:{" "}
        <a href={consultation.url} data-testid="consultation-url">
          {consultation.url}
        </a>{" "}
        <CopyButton text={consultation.url} label="Copiar el enlace" />
      </p>
      <h3>Comentarios de la ciudadanía</h3>
      <p className="small">
        {plural(consultation.comments.length, "comentario", "comentarios")}
        {pending > 0 ? `, ${plural(pending, "por moderar", "por moderar")}` : ""}. Solo los
        publicados aparecen en el enlace público, con su respuesta. Un comentario nunca se edita ni
        se borra: se publica o se oculta, y el cambio queda en la bitácora.
      </p>
      {consultation.comments.length === 0 ? (
        <p className="empty">Aún no hay comentarios.</p>
      ) : (
        <ul className="survey-comments">
          {consultation.comments.map((comment) => (
            <CommentItem
              key={comment.id}
              instanceId={instanceId}
              comment={comment}
              sectionTitle={comment.sectionKey ? titles.get(comment.sectionKey) : undefined}
              canModerate={canManage}
            />
          ))}
        </ul>
      )}
      {canManage && isOpen ? <CloseConsultation instanceId={instanceId} pending={pending} /> : null}
    </>
  );
}

function CommentItem({
  instanceId,
  comment,
  sectionTitle,
  canModerate,
}: {
  instanceId: string;
  comment: Comment;
  sectionTitle: string | undefined;
  canModerate: boolean;
}) {
  const moderate = useModerateComment(instanceId);
  const [answer, setAnswer] = useState(comment.answer);
  const published = comment.status === "published";
  return (
    <li
      className={`survey-comment${comment.status === "rejected" ? " survey-comment--hidden" : ""}`}
      data-testid="consultation-comment"
    >
      <p className="small">
        <Badge tone={STATUS_TONES[comment.status]}>
          {CONSULTATION_COMMENT_STATUS_LABELS[comment.status]}
        </Badge>{" "}
        {comment.authorName || "Sin nombre"} · {formatDateTime(comment.createdAt)} ·{" "}
        {sectionTitle ? `Sobre «${sectionTitle}»` : "Sobre el informe completo"}
      </p>
      <p>{comment.body}</p>
      {published && comment.answer ? (
        <p className="small">
          <strong>Respuesta del municipio:</strong> {comment.answer}
        </p>
      ) : null}
      {canModerate ? (
        <div className="stack">
          <ErrorAlert error={moderate.error} />
          {published ? null : (
            <TextAreaField
              label="Respuesta pública (opcional)"
              rows={2}
              maxLength={MAX_CONSULTATION_ANSWER}
              value={answer}
              onChange={setAnswer}
            />
          )}
          <div className="button-row">
            {published ? (
              <Button
                size="small"
                busy={moderate.isPending}
                busyLabel="Ocultando…"
                onClick={() => moderate.mutate({ id: comment.id, decision: "reject", answer: "" })}
              >
                Ocultar de la vista pública
              </Button>
            ) : (
              <>
                <Button
                  size="small"
                  variant="primary"
                  busy={moderate.isPending && moderate.variables?.decision === "publish"}
                  busyLabel="Publicando…"
                  disabled={moderate.isPending}
                  onClick={() =>
                    moderate.mutate({ id: comment.id, decision: "publish", answer: answer.trim() })
                  }
                >
                  Publicar
                </Button>
                {comment.status === "pending" ? (
                  <Button
                    size="small"
                    busy={moderate.isPending && moderate.variables?.decision === "reject"}
                    busyLabel="Guardando…"
                    disabled={moderate.isPending}
                    onClick={() =>
                      moderate.mutate({ id: comment.id, decision: "reject", answer: "" })
                    }
                  >
                    No publicar
                  </Button>
                ) : null}
              </>
            )}
          </div>
        </div>
      ) : null}
    </li>
  );
}

function CloseConsultation({ instanceId, pending }: { instanceId: string; pending: number }) {
  const confirm = useConfirmedMutation(useCloseConsultation(instanceId));
  return (
    <div>
      <Button onClick={confirm.ask}>Cerrar la consulta</Button>
      <ConfirmDialog
        {...confirm.dialog}
        title="Cerrar la consulta pública"
        confirmLabel="Cerrar la consulta"
        busyLabel="Cerrando…"
      >
        <p>
          El enlace deja de recibir comentarios; los publicados siguen a la vista. El registro de la
          consulta se agrega al informe en Word y PDF.
          {pending > 0
            ? ` Quedan ${plural(pending, "comentario", "comentarios")} por moderar: puede hacerlo después de cerrar.`
            : ""}
        </p>
      </ConfirmDialog>
    </div>
  );
}
