import {
  FIXED_QUESTION_FIELDS,
  FIXED_QUESTION_LABELS,
  MAX_QUESTION_TEXT,
  MAX_STANDARD_ITEMS,
} from "../../../../domain/survey.js";
import { Badge } from "../../../ui/Badge";
import { Button } from "../../../ui/Button";
import { plural } from "../../../ui/format";
import { type EditorQuestionnaire, fieldId, itemOf, newQuestionItem } from "./draft";
import { KeyInput, OrderButtons, propertyOf, TextInput, useIssue, useIssueCount } from "./fields";

const PATH = "surveyQuestionnaire";

interface QuestionnaireEditorProps {
  questionnaire: EditorQuestionnaire;
  onChange: (questionnaire: EditorQuestionnaire) => void;
  onItemAdded: (path: string) => void;
}

/**
 * M1's standard questionnaire of the draft: the Likert items (added, removed, reordered,
 * reworded) and the wording of the fixed questions, whose codes and options do not change.
 */
export function QuestionnaireEditor({
  questionnaire,
  onChange,
  onItemAdded,
}: QuestionnaireEditorProps) {
  const issues = useIssueCount(PATH);
  const itemsIssue = useIssue(`${PATH}.items`);
  const { items } = questionnaire;
  const setItems = (next: EditorQuestionnaire["items"]) =>
    onChange({ ...questionnaire, items: next });

  function addItem() {
    setItems([...items, newQuestionItem(items)]);
    onItemAdded(`${PATH}.items.${items.length}.text`);
  }

  return (
    <section className="card stack" aria-labelledby="editor-questionnaire">
      <header className="spread-row">
        <h2 id="editor-questionnaire" className="editor-dimension__title">
          Cuestionario de satisfacción (M1)
        </h2>
        <div className="badge-row">
          <Badge>{plural(items.length, "afirmación", "afirmaciones")}</Badge>
          {issues > 0 ? (
            <Badge tone="danger">{plural(issues, "problema", "problemas")}</Badge>
          ) : null}
        </div>
      </header>
      <p className="muted small">
        Las encuestas de satisfacción que abran los municipios con esta versión del modelo toman
        este cuestionario al abrirse. Cada afirmación se responde de «Totalmente en desacuerdo» (1)
        a «Totalmente de acuerdo» (5) y forma parte del índice de satisfacción; no pida datos
        personales.
      </p>
      <fieldset className="fieldset" id={fieldId(`${PATH}.items`)} tabIndex={-1}>
        <legend>Afirmaciones en escala del 1 al 5</legend>
        {itemsIssue ? <p className="field__error">{itemsIssue}</p> : null}
        <ol className="editor-list">
          {items.map((item, index) => {
            const at = `${PATH}.items.${index}`;
            const owner = `la afirmación ${item.code || index + 1}`;
            const place = itemOf(items, index, setItems);
            const field = propertyOf(at, item, place.onChange);
            return (
              <li key={item.key} className="editor-list__item">
                <div className="form-grid form-grid--code">
                  <KeyInput {...field("code")} />
                  <TextInput
                    {...field("text")}
                    label={`Afirmación ${index + 1}`}
                    multiline
                    maxLength={MAX_QUESTION_TEXT}
                  />
                </div>
                <div className="button-row button-row--tight">
                  <OrderButtons {...place} owner={owner} />
                </div>
              </li>
            );
          })}
        </ol>
        <Button
          size="small"
          onClick={addItem}
          disabled={items.length >= MAX_STANDARD_ITEMS}
          aria-label="Agregar afirmación al cuestionario de satisfacción"
        >
          + Agregar afirmación
        </Button>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Preguntas fijas</legend>
        <p className="field__hint">
          Su clave y sus opciones no cambian: el índice, los desgloses por medio y por tipo de
          persona y la moderación de comentarios las leen. Puede ajustar su redacción.
        </p>
        {FIXED_QUESTION_FIELDS.map((field) => (
          <TextInput
            key={field}
            path={`${PATH}.${field}`}
            label={FIXED_QUESTION_LABELS[field]}
            multiline
            maxLength={MAX_QUESTION_TEXT}
            value={questionnaire[field]}
            onChange={(text) => onChange({ ...questionnaire, [field]: text })}
          />
        ))}
      </fieldset>
    </section>
  );
}
