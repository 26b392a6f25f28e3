import {
  MAX_PERIOD_MONTHS,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
} from "../../../../domain/model.js";
import { labelledOptions, SelectField } from "../../../ui/SelectField";
import { PERIOD_KIND_LABELS } from "../labels";
import { changePeriodKind, fieldId } from "./draft";
import { NumberInput, TextInput, useIssue } from "./fields";

/** The implementation period of a tool: its kind, months when counted in months, and its label. */
export function PeriodEditor({
  path,
  value: period,
  onChange,
}: {
  path: string;
  value: Period;
  onChange: (period: Period) => void;
}) {
  const kindError = useIssue(`${path}.kind`);
  return (
    <fieldset className="fieldset editor-period">
      <legend>Plazo de implementación</legend>
      <div className="form-grid form-grid--3">
        <SelectField
          label="Tipo de plazo"
          id={fieldId(`${path}.kind`)}
          error={kindError}
          value={period.kind}
          onChange={(kind) => onChange(changePeriodKind(period, kind as PeriodKind))}
          options={labelledOptions(PERIOD_KINDS, PERIOD_KIND_LABELS)}
        />
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
