import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Administration } from "../../../contracts/administrations.js";
import {
  administrationProblem,
  currentConstitutionalTerm,
  termName,
} from "../../../domain/administrations.js";
import { isLocalDate } from "../../../domain/dates.js";
import { api } from "../../api/client";
import { ErrorAlert, FormError } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { formatLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { TextField } from "../../ui/TextField";
import { type Problems, useFieldProblems } from "../../ui/useFieldProblems";
import { fieldBinder, useFormValues } from "../../ui/useFormValues";

const FIELDS = ["startsOn", "endsOn", "headName"] as const;

/**
 * A municipality's administrations (constitutional terms) and the handover record
 * (acta de entrega-recepción del MRTM); an admin records a new administration.
 */
export function AdministrationsSection({ cvegeo, admin }: { cvegeo: string; admin: boolean }) {
  const terms = useQuery({
    queryKey: ["municipality", cvegeo, "administrations"],
    queryFn: () => api.administrations.list(cvegeo),
  });
  const [recording, setRecording] = useState(false);
  return (
    <section className="card stack" aria-labelledby="administraciones-titulo">
      <h2 id="administraciones-titulo">Administraciones y entrega-recepción</h2>
      {terms.isPending ? <Loading label="Cargando administraciones…" /> : null}
      <ErrorAlert error={terms.error} />
      {terms.data && terms.data.length === 0 ? (
        <p className="empty">No hay administraciones registradas.</p>
      ) : null}
      {terms.data && terms.data.length > 0 ? (
        <ul className="plain-list" aria-label="Administraciones">
          {terms.data.map((term) => (
            <li key={term.id} data-administration={term.startsOn}>
              <strong>{termName(term)}</strong>: {term.headName} ({formatLocalDate(term.startsOn)}{" "}
              al {formatLocalDate(term.endsOn)}){" "}
              {term.current ? <Badge tone="success">En funciones</Badge> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="button-row">
        <a
          className="button button--secondary"
          href={api.administrations.handoverUrl(cvegeo)}
          download
        >
          Acta de entrega-recepción del MRTM (PDF)
        </a>
        {admin ? (
          <Button onClick={() => setRecording(true)}>Registrar nueva administración</Button>
        ) : null}
      </div>
      <Dialog
        open={recording}
        title="Registrar nueva administración"
        onClose={() => setRecording(false)}
      >
        {recording ? (
          <RecordForm
            cvegeo={cvegeo}
            recorded={terms.data ?? []}
            onDone={() => setRecording(false)}
          />
        ) : null}
      </Dialog>
    </section>
  );
}

function RecordForm({
  cvegeo,
  recorded,
  onDone,
}: {
  cvegeo: string;
  recorded: Administration[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (body: { startsOn: string; endsOn: string; headName: string }) =>
      api.administrations.record(cvegeo, body),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo, "administrations"] }),
  });
  const { values, change } = useFormValues(() => ({
    ...currentConstitutionalTerm(new Date()),
    headName: "",
  }));
  const { check, fieldError } = useFieldProblems(FIELDS, record.error, values);
  const bind = fieldBinder({ values, onChange: change, fieldError });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Problems<(typeof FIELDS)[number]> = {
      startsOn: isLocalDate(values.startsOn) ? undefined : "Indique el inicio del periodo.",
      endsOn: isLocalDate(values.endsOn) ? undefined : "Indique el fin del periodo.",
      headName: values.headName.trim() ? undefined : "Escriba el nombre de quien preside.",
    };
    if (!found.startsOn && !found.endsOn) {
      const problem = administrationProblem(recorded, values);
      if (problem) {
        found[problem.code === "administration_overlaps" ? "startsOn" : "endsOn"] = problem.message;
      }
    }
    if (!check(found)) {
      return;
    }
    record.mutate({ ...values, headName: values.headName.trim() }, { onSuccess: onDone });
  }

  return (
    <form
      className="stack"
      onSubmit={submit}
      noValidate
      aria-label="Registrar nueva administración"
    >
      <p className="note">
        Después: ratifique o renueve el convenio en «Convenios», designe al nuevo enlace y comparta
        el acta de entrega-recepción.
      </p>
      <FormError error={record.error} fields={FIELDS} />
      <div className="form-grid">
        <TextField label="Inicio del periodo" type="date" required {...bind("startsOn")} />
        <TextField label="Fin del periodo" type="date" required {...bind("endsOn")} />
      </div>
      <TextField label="Presidenta o presidente municipal" required {...bind("headName")} />
      <FormActions
        submitLabel="Registrar administración"
        busy={record.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
