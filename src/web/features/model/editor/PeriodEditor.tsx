import {
  MAX_PERIOD_MONTHS,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
} from "../../../../domain/model.js";
import { Field } from "../../../ui/Field";
import { PERIOD_KIND_LABELS } from "../labels";
import { changePeriodKind, fieldId } from "./draft";
import { NumberInput, TextInput, useIssue } from "./fields";

/** The implementation period of a tool: its kind, months when counted in months, and its label. */
export function PeriodEditor({
  path,
  period,
  onChange,
}: {
  path: string;
  period: Period;
  onChange: (period: Period) => void;
}) {
  const kindError = useIssue(`${path}.kind`);
  return (
    <fieldset className="fieldset editor-period">
      <legend>Plazo de implementación</legend>
      <div className="form-grid form-grid--3">
        <Field label="Tipo de plazo" id={fieldId(`${path}.kind`)} error={kindError}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={period.kind}
              onChange={(event) =>
                onChange(changePeriodKind(period, event.target.value as PeriodKind))
              }
            >
              {PERIOD_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {PERIOD_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {period.kind === "months" ? (
          <NumberInput
            path={`${path}.months`}
            label="Meses desde el convenio"
            value={period.months}
            min={1}
            max={MAX_PERIOD_MONTHS}
            step={1}
            onChange={(months) => onChange({ ...period, months })}
          />
        ) : null}
        <TextInput
          path={`${path}.label`}
          label="Texto del plazo"
          hint="Como se muestra al público, p. ej. «3 meses»."
          value={period.label}
          onChange={(label) => onChange({ ...period, label })}
        />
      </div>
    </fieldset>
  );
}
