import { type FormEvent, useState } from "react";
import type { InstanceSurvey } from "../../../contracts/surveys.js";
import {
  MAX_OWN_QUESTIONS,
  MAX_PRIVACY_NOTICE,
  MAX_QUESTION_TEXT,
  type OwnQuestionInput,
  ownQuestionsProblems,
  SURVEY_QUESTION_KIND_LABELS,
  SURVEY_QUESTION_KINDS,
  type SurveyQuestionKind,
} from "../../../domain/survey.js";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useOpenSurvey } from "./queries";

interface Draft {
  key: number;
  kind: SurveyQuestionKind;
  text: string;
  required: boolean;
  /** Choice options, one per line. */
  options: string;
}

const toInput = (draft: Draft): OwnQuestionInput => ({
  kind: draft.kind,
  text: draft.text,
  required: draft.required,
  ...(draft.kind === "choice"
    ? {
        options: draft.options
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean),
      }
    : {}),
});

/**
 * The liaison opens the cycle's survey: the model's standard questionnaire (shown, not editable),
 * up to five questions of the municipality's own, and the privacy notice respondents read.
 */
export function OpenSurveyForm({ instanceId, data }: { instanceId: string; data: InstanceSurvey }) {
  const open = useOpenSurvey(instanceId);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [notice, setNotice] = useState(data.defaultPrivacyNotice);
  const problems = ownQuestionsProblems(drafts.map(toInput));
  const [tried, setTried] = useState(false);
  const problemOf = (field: string) =>
    tried ? problems.find((problem) => problem.field === field)?.message : undefined;

  const update = (key: number, change: Partial<Draft>) =>
    setDrafts((list) => list.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problems.length > 0 || open.isPending) {
      return;
    }
    open.mutate({ ownQuestions: drafts.map(toInput), privacyNotice: notice });
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <section className="card stack" aria-labelledby="estandar-titulo">
        <h2 id="estandar-titulo">Cuestionario estándar del modelo</h2>
        <p className="small">
          Todas las encuestas de M1 hacen estas preguntas, para que los resultados se puedan
          comparar. Ninguna pide datos personales.
        </p>
        <ol className="survey-questions">
          {data.standardQuestions.map((question) => (
            <li key={question.code}>
              {question.text}{" "}
              <span className="small">
                ({SURVEY_QUESTION_KIND_LABELS[question.kind]}
                {question.required ? ", obligatoria" : ""})
              </span>
            </li>
          ))}
        </ol>
      </section>

      <section className="card stack" aria-labelledby="propias-titulo">
        <h2 id="propias-titulo">Preguntas propias del municipio (opcional)</h2>
        <p className="small">
          Hasta {MAX_OWN_QUESTIONS} preguntas, que se muestran antes del comentario final.
        </p>
        {drafts.map((draft, index) => (
          <fieldset key={draft.key} className="stack survey-own">
            <legend>Pregunta propia {index + 1}</legend>
            <TextField
              label="Texto de la pregunta"
              value={draft.text}
              maxLength={MAX_QUESTION_TEXT}
              required
              error={problemOf(`ownQuestions.${index}.text`)}
              onChange={(text) => update(draft.key, { text })}
            />
            <SelectField
              label="Tipo de respuesta"
              value={draft.kind}
              options={labelledOptions(SURVEY_QUESTION_KINDS, SURVEY_QUESTION_KIND_LABELS)}
              onChange={(kind) => update(draft.key, { kind: kind as SurveyQuestionKind })}
            />
            {draft.kind === "choice" ? (
              <TextAreaField
                label="Opciones (una por renglón, de 2 a 10)"
                value={draft.options}
                rows={4}
                error={problemOf(`ownQuestions.${index}.options`)}
                onChange={(options) => update(draft.key, { options })}
              />
            ) : null}
            <label className="choice">
              <input
                type="checkbox"
                checked={draft.required}
                onChange={(event) => update(draft.key, { required: event.target.checked })}
              />{" "}
              Obligatoria
            </label>
            <div>
              <Button
                size="small"
                variant="ghost"
                onClick={() => setDrafts((list) => list.filter((item) => item.key !== draft.key))}
              >
                Quitar la pregunta {index + 1}
              </Button>
            </div>
          </fieldset>
        ))}
        {drafts.length < MAX_OWN_QUESTIONS ? (
          <div>
            <Button
              size="small"
              onClick={() => {
                setDrafts((list) => [
                  ...list,
                  { key: nextKey, kind: "likert", text: "", required: false, options: "" },
                ]);
                setNextKey((key) => key + 1);
              }}
            >
              Agregar una pregunta propia
            </Button>
          </div>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="aviso-titulo">
        <h2 id="aviso-titulo">Aviso de privacidad</h2>
        <TextAreaField
          label="Texto que verá quien responda"
          hint="Puede adaptarlo al aviso de privacidad de su ayuntamiento."
          value={notice}
          rows={6}
          maxLength={MAX_PRIVACY_NOTICE}
          onChange={setNotice}
        />
      </section>

      {tried && problems.length > 0 ? (
        <Alert tone="error" title="Revise las preguntas propias">
          <p>{problems[0]?.message}</p>
        </Alert>
      ) : null}
      <ErrorAlert error={open.error} />
      <div>
        <Button type="submit" variant="primary" busy={open.isPending} busyLabel="Abriendo…">
          Abrir la encuesta
        </Button>
      </div>
    </form>
  );
}
