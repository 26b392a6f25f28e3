import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Institution, UpdateInstitutionRequest } from "../../../contracts/institution.js";
import { api, isApiError } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { SubmitRow } from "../../ui/FormActions";
import { institutionKey } from "./queries";

type FieldName = keyof UpdateInstitutionRequest;
const FIELDS: readonly FieldName[] = ["name", "shortName", "unitName", "stateName"];

const LABELS: Record<FieldName, { label: string; hint?: string; maxLength: number }> = {
  name: { label: "Nombre oficial", maxLength: 300 },
  shortName: {
    label: "Nombre corto o siglas",
    hint: "Se muestra en el encabezado: las siglas o el nombre corto de la institución.",
    maxLength: 40,
  },
  unitName: {
    label: "Unidad responsable",
    hint: "El área que coordina el modelo.",
    maxLength: 300,
  },
  stateName: { label: "Entidad federativa", maxLength: 100 },
};

export function InstitutionForm({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<UpdateInstitutionRequest>({
    name: institution.name,
    shortName: institution.shortName,
    unitName: institution.unitName,
    stateName: institution.stateName,
  });
  const [missing, setMissing] = useState<Partial<Record<FieldName, string>>>({});
  const save = useMutation({
    mutationFn: api.institution.update,
    onSuccess: (updated) => queryClient.setQueryData(institutionKey, updated),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    for (const field of FIELDS) {
      if (!values[field].trim()) {
        found[field] = "Este campo no puede estar vacío.";
      }
    }
    setMissing(found);
    if (Object.keys(found).length === 0) {
      save.mutate({
        name: values.name.trim(),
        shortName: values.shortName.trim(),
        unitName: values.unitName.trim(),
        stateName: values.stateName.trim(),
      });
    }
  }

  const apiError = isApiError(save.error) ? save.error : null;
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="institucion-datos">
      <h2 id="institucion-datos" className="card__title">
        Datos
      </h2>
      {save.isSuccess ? (
        <Alert tone="success">
          <p>Se guardaron los datos de la institución.</p>
        </Alert>
      ) : null}
      <FormError error={save.error} fields={FIELDS} />
      {FIELDS.map((field) => (
        <Field
          key={field}
          label={LABELS[field].label}
          hint={LABELS[field].hint}
          required
          error={missing[field] ?? apiError?.fieldMessage(field)}
        >
          {(control) =>
            field === "name" || field === "unitName" ? (
              <textarea
                {...control}
                className="input"
                rows={2}
                maxLength={LABELS[field].maxLength}
                value={values[field]}
                onChange={(event) => setValues({ ...values, [field]: event.target.value })}
              />
            ) : (
              <input
                {...control}
                className="input"
                maxLength={LABELS[field].maxLength}
                value={values[field]}
                onChange={(event) => setValues({ ...values, [field]: event.target.value })}
              />
            )
          }
        </Field>
      ))}
      <SubmitRow busy={save.isPending} busyLabel="Guardando…">
        Guardar datos
      </SubmitRow>
    </form>
  );
}
