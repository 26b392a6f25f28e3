import { type FormEvent, useState } from "react";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useSetProjectEnd } from "./queries";

const FIELDS = ["projectEndsOn"] as const;

/** E4: the tool's deadline is the end date on the project card. */
export function ProjectDeadlineForm({ id, deadline }: { id: string; deadline: string | null }) {
  const setEnd = useSetProjectEnd(id);
  const [value, setValue] = useState(deadline ?? "");
  const [saved, setSaved] = useState(false);
  const { check, fieldError } = useFieldProblems(FIELDS, setEnd.error, { projectEndsOn: value });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const found = {
      projectEndsOn: value ? undefined : "Indique la fecha de término del proyecto.",
    };
    if (setEnd.isPending || !check(found)) {
      return;
    }
    setEnd.mutate(value, { onSuccess: () => setSaved(true) });
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Plazo del proyecto">
      <h2>Plazo del proyecto</h2>
      <Field
        label="Fecha de término del proyecto"
        hint="La que indica la ficha del proyecto; es el plazo de esta herramienta."
        error={fieldError("projectEndsOn")}
        required
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="date"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setSaved(false);
              // The server's refusal concerned the date sent: a new date makes it stale.
              if (setEnd.isError) {
                setEnd.reset();
              }
            }}
          />
        )}
      </Field>
      <FormError error={setEnd.error} fields={FIELDS} />
      {saved ? (
        <p role="status" className="small">
          Se guardó el plazo.
        </p>
      ) : null}
      <div className="button-row">
        <Button type="submit" busy={setEnd.isPending} busyLabel="Guardando…">
          Guardar plazo
        </Button>
      </div>
    </form>
  );
}
