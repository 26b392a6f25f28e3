import { type FormEvent, useState } from "react";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import type { MaturityLevel } from "../../../domain/model.js";
import {
  CRITERION_RESULT_LABELS,
  CRITERION_RESULTS,
  type CriterionResult,
  OBSERVATION_TYPE_LABELS,
  OBSERVATION_TYPES,
  type ObservationType,
  REVIEW_DECISION_LABELS,
  type ReviewDecision,
  reviewInputProblems,
  reviewProblem,
} from "../../../domain/review.js";
import { isApiError } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { SubmitRow } from "../../ui/FormActions";
import { RadioChoice } from "../../ui/RadioChoice";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import type { ToolCriterion } from "../model/criteria";
import { canPreview, EvidencePreview } from "./EvidencePreview";
import { useReviewTool } from "./queries";

interface DraftObservation {
  key: number;
  type: ObservationType;
  text: string;
  /** The section of the guided document sent, if the observation is about one. */
  sectionKey: string | null;
}

interface ReviewFormProps {
  detail: ToolInstanceDetail;
  criteria: ToolCriterion[];
  /** The tool's maturity levels (P2), from none to full automation; empty when it has none. */
  maturityLevels: readonly MaturityLevel[];
  onReload: () => void;
}

/** The reviewer's decision on the submission in review, with observations and criteria. */
export function ReviewForm({ detail, criteria, maturityLevels, onReload }: ReviewFormProps) {
  const review = useReviewTool(detail.id);
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [observations, setObservations] = useState<DraftObservation[]>([]);
  const [results, setResults] = useState<Record<string, CriterionResult>>({});
  const [level, setLevel] = useState<number | null>(null);
  // Once a decision was attempted, what is missing shows, and goes as each thing is fixed.
  const [attempted, setAttempted] = useState(false);
  const [nextKey, setNextKey] = useState(1);

  const conflict = isApiError(review.error) && review.error.status === 409;
  const latest = detail.history.at(-1);
  const sentSections = latest?.draft?.template.sections ?? [];
  const submitted = detail.evidence.filter((file) => latest?.evidenceIds.includes(file.id));
  const previews = submitted.filter(canPreview);

  function addObservation() {
    setObservations((list) => [
      ...list,
      { key: nextKey, type: "observacion", text: "", sectionKey: null },
    ]);
    setNextKey((key) => key + 1);
  }

  function changeObservation(key: number, change: Partial<DraftObservation>) {
    setObservations((list) =>
      list.map((item) => (item.key === key ? { ...item, ...change } : item)),
    );
  }

  /** What the reviewer has entered so far, as the request would carry it. */
  const filled = observations.filter((item) => item.text.trim());
  const recorded = {
    criteria: criteria.flatMap((criterion) => {
      const result = results[criterion.code];
      return result === undefined ? [] : [{ code: criterion.code, result }];
    }),
    maturityLevel: maturityLevels.length > 0 ? level : null,
  };
  // The same rules the server applies (src/domain/review.ts), on the participant's model version.
  const problems = [
    reviewProblem(decision, filled),
    ...(decision
      ? reviewInputProblems({ criteria, maturityLevels }, recorded).map((p) => p.message)
      : []),
  ].filter((found): found is string => found !== null);

  /** A change after a refused decision: the server's stale answer goes (not a conflict's). */
  function edited() {
    if (review.isError && !conflict) {
      review.reset();
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    if (problems.length > 0 || !decision || review.isPending) {
      return;
    }
    review.mutate({
      decision,
      observations: filled.map((item) => ({
        type: item.type,
        text: item.text.trim(),
        sectionKey: item.sectionKey,
      })),
      ...recorded,
      expectedVersion: detail.version,
    });
  }

  return (
    <section className="card stack" aria-labelledby="revision-titulo">
      <h2 id="revision-titulo">Revisión</h2>
      {previews.length > 0 ? (
        <div className="stack">
          {previews.map((file) => (
            <EvidencePreview key={file.id} file={file} />
          ))}
        </div>
      ) : (
        <p className="muted">
          Los documentos enviados no admiten vista previa; descárguelos de la lista de documentos.
        </p>
      )}
      <p className="note">
        Antes de decidir, indique en «Documentos» con «Publicar al validarse» qué archivos de este
        envío serán públicos.
      </p>
      <form
        className="stack"
        onSubmit={submit}
        onChange={edited}
        noValidate
        aria-label="Decisión de la revisión"
      >
        <fieldset className="fieldset">
          <legend>Decisión</legend>
          <RadioChoice
            name="decision"
            checked={decision === "validate"}
            onSelect={() => setDecision("validate")}
          >
            {REVIEW_DECISION_LABELS.validate}
          </RadioChoice>
          <RadioChoice
            name="decision"
            checked={decision === "request_changes"}
            onSelect={() => {
              setDecision("request_changes");
              if (observations.length === 0) {
                addObservation();
              }
            }}
          >
            {REVIEW_DECISION_LABELS.request_changes}
          </RadioChoice>
        </fieldset>

        {criteria.length > 0 ? (
          <fieldset className="fieldset">
            <legend>Resultado por criterio</legend>
            <div className="form-grid">
              {criteria.map((criterion) => (
                <Field key={criterion.code} label={criterion.name}>
                  {(control) => (
                    <select
                      {...control}
                      className="input"
                      value={results[criterion.code] ?? ""}
                      onChange={(event) => {
                        const value = event.target.value;
                        setResults((current) => {
                          const next = { ...current };
                          if (value === "") {
                            delete next[criterion.code];
                          } else {
                            next[criterion.code] = Number(value) as CriterionResult;
                          }
                          return next;
                        });
                      }}
                    >
                      <option value="">Sin evaluar</option>
                      {CRITERION_RESULTS.map((result) => (
                        <option key={result} value={result}>
                          {CRITERION_RESULT_LABELS[result]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        ) : null}

        {maturityLevels.length > 0 ? (
          <fieldset className="fieldset">
            <legend>Nivel de madurez alcanzado</legend>
            <p className="small muted">
              El puntaje de la herramienta es el nivel alcanzado sobre el más alto (
              {maturityLevels.at(-1)?.level}).
            </p>
            {maturityLevels.map((option) => (
              <RadioChoice
                key={option.level}
                name="maturityLevel"
                value={option.level}
                checked={level === option.level}
                onSelect={() => setLevel(option.level)}
              >
                Nivel {option.level}: {option.name}
              </RadioChoice>
            ))}
          </fieldset>
        ) : null}

        <fieldset className="fieldset">
          <legend>Observaciones</legend>
          {observations.length === 0 ? (
            <p className="muted small">Sin observaciones.</p>
          ) : (
            <ol className="observation-drafts">
              {observations.map((item, index) => (
                <li key={item.key} className="observation-draft">
                  <SelectField
                    label={`Tipo de la observación ${index + 1}`}
                    value={item.type}
                    onChange={(type) =>
                      changeObservation(item.key, { type: type as ObservationType })
                    }
                    options={labelledOptions(OBSERVATION_TYPES, OBSERVATION_TYPE_LABELS)}
                  />
                  {sentSections.length > 0 ? (
                    <Field label={`Sección del documento de la observación ${index + 1}`}>
                      {(control) => (
                        <select
                          {...control}
                          className="input"
                          value={item.sectionKey ?? ""}
                          onChange={(event) =>
                            changeObservation(item.key, {
                              sectionKey: event.target.value || null,
                            })
                          }
                        >
                          <option value="">Todo el documento</option>
                          {sentSections.map((section) => (
                            <option key={section.key} value={section.key}>
                              {section.title}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  ) : null}
                  <Field label={`Texto de la observación ${index + 1}`}>
                    {(control) => (
                      <textarea
                        {...control}
                        className="input"
                        rows={3}
                        value={item.text}
                        onChange={(event) =>
                          changeObservation(item.key, { text: event.target.value })
                        }
                      />
                    )}
                  </Field>
                  <Button
                    size="small"
                    variant="ghost"
                    onClick={() =>
                      setObservations((list) => list.filter((other) => other.key !== item.key))
                    }
                  >
                    Quitar la observación {index + 1}
                  </Button>
                </li>
              ))}
            </ol>
          )}
          <div className="button-row">
            <Button size="small" onClick={addObservation}>
              Agregar observación
            </Button>
          </div>
        </fieldset>

        {attempted && problems.length > 0 ? (
          <Alert tone="error" title="Antes de registrar la decisión">
            <ul>
              {problems.map((found) => (
                <li key={found}>{found}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {conflict ? (
          <Alert tone="warning" title="Otra persona actuó sobre esta herramienta">
            <p>{review.error?.message}</p>
            <div className="button-row">
              <Button
                size="small"
                onClick={() => {
                  review.reset();
                  onReload();
                }}
              >
                Recargar
              </Button>
            </div>
          </Alert>
        ) : (
          <FormError error={review.error} />
        )}
        <SubmitRow busy={review.isPending} busyLabel="Guardando…">
          Registrar decisión
        </SubmitRow>
      </form>
    </section>
  );
}
