import { type FormEvent, useState } from "react";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { useAnswerObservation } from "./queries";

/** The municipality's answer to one observation (while the tool is "Con observaciones"). */
export function AnswerForm({ observationId }: { observationId: string }) {
  const answer = useAnswerObservation();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) {
      setProblem("Escriba la respuesta.");
      return;
    }
    setProblem(undefined);
    answer.mutate({ id: observationId, answer: text.trim() });
  }

  return (
    <form className="stack answer-form" onSubmit={submit} noValidate aria-label="Responder">
      <Field label="Respuesta" error={problem ?? answer.error?.message} required>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <div className="button-row">
        <Button type="submit" size="small" busy={answer.isPending} busyLabel="Enviando…">
          Enviar respuesta
        </Button>
      </div>
    </form>
  );
}
