import { useMemo, useState } from "react";
import type { Agreement } from "../../../contracts/participation.js";
import { foldForSearch } from "../../../domain/text.js";
import { Button } from "../../ui/Button";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { CheckboxGroup } from "./CheckboxGroup";

/**
 * Chooses the invited municipalities among those that take part (they have an agreement): search
 * by name or key, narrow by cohort, add the municipalities shown at once. Chosen ones stay listed
 * whatever the search.
 */
export function MunicipalityChecklist({
  agreements,
  value,
  onChange,
  error,
  disabled,
}: {
  agreements: Agreement[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const [text, setText] = useState("");
  const [cohort, setCohort] = useState("");
  const cohorts = useMemo(
    () => [...new Set(agreements.map((a) => a.cohort))].sort((a, b) => a.localeCompare(b, "es")),
    [agreements],
  );
  const participants = useMemo(
    () =>
      agreements
        .map((a) => ({
          cvegeo: a.municipality.cvegeo,
          cveMun: a.municipality.cvegeo.slice(2),
          name: a.municipality.name,
          cohort: a.cohort,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, "es")),
    [agreements],
  );
  const chosen = new Set(value);
  const folded = foldForSearch(text);
  // Like the municipality picker: by name (accents and case ignored) or by the start of the key.
  const matching = participants.filter(
    (m) =>
      (!cohort || m.cohort === cohort) &&
      (!folded ||
        (/^\d+$/.test(folded)
          ? m.cvegeo.startsWith(folded) || m.cveMun.startsWith(folded)
          : foldForSearch(m.name).includes(folded))),
  );
  const shown = [
    ...participants.filter((m) => chosen.has(m.cvegeo)),
    ...matching.filter((m) => !chosen.has(m.cvegeo)),
  ];
  return (
    <div className="stack municipality-checklist">
      <div className="form-grid">
        <TextField
          label="Buscar municipio"
          hint="Nombre o clave INEGI."
          type="search"
          value={text}
          disabled={disabled}
          onChange={setText}
        />
        <SelectField
          label="Cohorte"
          value={cohort}
          disabled={disabled}
          onChange={setCohort}
          blank="Todas"
          options={cohorts.map((name) => ({ value: name, label: name }))}
        />
      </div>
      <div className="button-row button-row--tight">
        <Button
          size="small"
          disabled={disabled || matching.length === 0}
          onClick={() => onChange([...new Set([...value, ...matching.map((m) => m.cvegeo)])])}
        >
          Invitar a los {matching.length} mostrados
        </Button>
        <Button size="small" disabled={disabled || value.length === 0} onClick={() => onChange([])}>
          Quitar a todos
        </Button>
      </div>
      <CheckboxGroup
        name="municipios-invitados"
        legend={`Municipios invitados (${value.length})`}
        hint="Solo municipios con convenio."
        required
        error={error}
        disabled={disabled}
        value={value}
        onChange={(next) =>
          onChange([...value.filter((v) => !shown.some((m) => m.cvegeo === v)), ...next])
        }
        options={shown.map((m) => ({
          value: m.cvegeo,
          label: m.name,
          hint: `${m.cvegeo} · ${m.cohort}`,
        }))}
      />
    </div>
  );
}
