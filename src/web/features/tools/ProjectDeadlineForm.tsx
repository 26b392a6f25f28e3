import { type FormEvent, useState } from "react";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { useSetProjectEnd } from "./queries";

/** E4: the tool's deadline is the end date on the project card. */
export function ProjectDeadlineForm({ id, deadline }: { id: string; deadline: string | null }) {
  const setEnd = useSetProjectEnd(id);
  const [value, setValue] = useState(deadline ?? "");
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (!value) {
      setProblem("Indique la fecha de término del proyecto.");
      return;
    }
    setProblem(undefined);
    setEnd.mutate(value, { onSuccess: () => setSaved(true) });
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Plazo del proyecto">
      <h2>Plazo del proyecto</h2>
      <Field
        label="Fecha de término del proyecto"
        hint="La que indica la ficha del proyecto; es el plazo de esta herramienta."
        error={problem ?? setEnd.error?.message}
        required
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="date"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </Field>
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
