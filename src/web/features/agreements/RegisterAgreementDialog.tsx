import { type FormEvent, useState } from "react";
import { isApiError } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { Field } from "../../ui/Field";
import { todayLocalDate } from "../../ui/format";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";
import { CohortInput } from "./CohortInput";
import { useCreateAgreement } from "./queries";

const FIELDS = ["municipality", "signedOn", "cohort"] as const;
type Problems = Partial<Record<(typeof FIELDS)[number], string>>;

interface Props {
  open: boolean;
  /** Municipalities that already have an agreement: not offered. */
  taken: ReadonlySet<string>;
  cohorts: string[];
  onClose: () => void;
}

/** Registers a signed agreement: the municipality then takes part and its tools' clocks start. */
export function RegisterAgreementDialog({ open, taken, cohorts, onClose }: Props) {
  const create = useCreateAgreement();
  const [municipality, setMunicipality] = useState<string | null>(null);
  const [signedOn, setSignedOn] = useState("");
  const [cohort, setCohort] = useState("");
  const [problems, setProblems] = useState<Problems>({});

  function close() {
    create.reset();
    setMunicipality(null);
    setSignedOn("");
    setCohort("");
    setProblems({});
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Problems = {
      municipality: municipality ? undefined : "Elija el municipio.",
      signedOn: !signedOn
        ? "Indique la fecha de firma."
        : signedOn > todayLocalDate()
          ? "La fecha de firma no puede ser futura."
          : undefined,
      cohort: cohort.trim() ? undefined : "Indique la cohorte.",
    };
    setProblems(found);
    if (Object.values(found).some(Boolean) || !municipality) {
      return;
    }
    create.mutate({ municipality, signedOn, cohort: cohort.trim() }, { onSuccess: close });
  }

  const apiError = isApiError(create.error) ? create.error : null;
  const fieldError = (field: (typeof FIELDS)[number]) =>
    problems[field] ?? apiError?.fieldMessage(field);
  return (
    <Dialog open={open} title="Registrar convenio" onClose={close} wide>
      <form className="stack" onSubmit={submit} noValidate aria-label="Registrar convenio">
        <FormError error={create.error} fields={FIELDS} />
        <MunicipalityPicker
          value={municipality}
          onChange={setMunicipality}
          exclude={taken}
          required
          error={fieldError("municipality")}
        />
        <div className="form-grid">
          <Field label="Fecha de firma" required error={fieldError("signedOn")}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="date"
                max={todayLocalDate()}
                value={signedOn}
                onChange={(event) => setSignedOn(event.target.value)}
              />
            )}
          </Field>
          <CohortInput
            value={cohort}
            onChange={setCohort}
            cohorts={cohorts}
            error={fieldError("cohort")}
          />
        </div>
        <div className="button-row button-row--end">
          <Button onClick={close} disabled={create.isPending}>
            Cancelar
          </Button>
          <Button type="submit" variant="primary" busy={create.isPending} busyLabel="Registrando…">
            Registrar
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
