import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { OBSERVATION_TYPE_LABELS, REVIEW_OUTCOME_LABELS } from "../../../domain/review.js";
import { Badge } from "../../ui/Badge";
import { formatDateTime } from "../../ui/format";
import { SentDraft, sentSectionTitle } from "../drafts/SentDraft";
import type { ToolCriterion } from "../model/criteria";
import { AnswerForm } from "./AnswerForm";
import { criterionResultLabel } from "./labels";

type Submission = ToolInstanceDetail["history"][number];
type Review = NonNullable<Submission["review"]>;

interface HistoryProps {
  detail: ToolInstanceDetail;
  criteria: ToolCriterion[];
  /** The municipality may answer the open observations. */
  canAnswer: boolean;
}

/** Each submission, newest first, with its review, criteria results and observations. */
export function History({ detail, criteria, canAnswer }: HistoryProps) {
  if (detail.history.length === 0) {
    return <p className="empty">La herramienta aún no se ha enviado a revisión.</p>;
  }
  const versions = new Map(detail.evidence.map((file) => [file.id, file]));
  const submissions = [...detail.history].reverse();
  return (
    <ol className="history">
      {submissions.map((submission, index) => {
        const number = submissions.length - index;
        const files = submission.evidenceIds
          .map((id) => versions.get(id))
          .filter((file) => file !== undefined);
        const open = index === 0 && canAnswer && detail.state === "changes_requested";
        return (
          <li key={submission.submissionId} className="panel history__item">
            <h3 className="history__title">
              Envío {number}{" "}
              <span className="muted small">
                {formatDateTime(submission.submittedAt)} · {submission.submittedBy}
              </span>
            </h3>
            {files.length > 0 ? (
              <p className="small">
                Documentos: {files.map((file) => `${file.fileName} (v${file.version})`).join(", ")}
              </p>
            ) : null}
            {submission.draft ? <SentDraft draft={submission.draft} number={number} /> : null}
            {submission.review ? (
              <ReviewView
                review={submission.review}
                criteria={criteria}
                canAnswer={open}
                draft={submission.draft}
              />
            ) : (
              <p>
                <Badge tone="warning">En revisión</Badge>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function ReviewView({
  review,
  criteria,
  canAnswer,
  draft,
}: {
  review: Review;
  criteria: ToolCriterion[];
  canAnswer: boolean;
  draft: Submission["draft"];
}) {
  const names = new Map(criteria.map((criterion) => [criterion.code, criterion.name]));
  return (
    <div className="history__review stack">
      <p>
        <Badge tone={review.decision === "validated" ? "success" : "danger"}>
          {REVIEW_OUTCOME_LABELS[review.decision]}
        </Badge>{" "}
        <span className="small">
          por {review.reviewer} el {formatDateTime(review.decidedAt)}
        </span>
      </p>
      {review.maturityLevel !== null ? (
        <p className="small">
          Nivel de madurez alcanzado: <strong>{review.maturityLevel}</strong>
        </p>
      ) : null}
      {review.criteria.length > 0 ? (
        <ul className="criteria-results">
          {review.criteria.map((criterion) => (
            <li key={criterion.code}>
              {names.get(criterion.code) ?? criterion.code}:{" "}
              <strong>{criterionResultLabel(criterion.result)}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      {review.observations.length > 0 ? (
        <ul className="observations">
          {review.observations.map((observation, index) => (
            <li key={observation.id} className="observation" data-observation-id={observation.id}>
              <p className="observation__type">
                <span className="observation__number">Observación {index + 1}</span>{" "}
                <Badge tone={observation.type === "requerimiento" ? "danger" : "neutral"}>
                  {OBSERVATION_TYPE_LABELS[observation.type]}
                </Badge>
              </p>
              {observation.sectionKey ? (
                <p className="small" data-testid="observation-section">
                  Sección del documento: {sentSectionTitle(draft, observation.sectionKey)}
                </p>
              ) : null}
              <p className="observation__text">{observation.text}</p>
              {observation.answer ? (
                <div className="observation__answer">
                  <p className="small muted">
                    Respuesta de {observation.answeredBy} · {formatDateTime(observation.answeredAt)}
                  </p>
                  <p>{observation.answer}</p>
                </div>
              ) : canAnswer ? (
                <AnswerForm
                  observationId={observation.id}
                  label={`Responder la observación ${index + 1}`}
                />
              ) : (
                <p className="small muted">Sin respuesta.</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
