import { type FormEvent, useState } from "react";
import { FormError } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { SubmitRow } from "../../ui/FormActions";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useAnswerObservation } from "./queries";

const FIELDS = ["answer"] as const;

/** The municipality's answer to one observation (while the tool is "Con observaciones"). */
export function AnswerForm({ observationId, label }: { observationId: string; label: string }) {
  const answer = useAnswerObservation();
  const [text, setText] = useState("");
  const { check, fieldError } = useFieldProblems(FIELDS, answer.error, { answer: text });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (answer.isPending || !check({ answer: text.trim() ? undefined : "Escriba la respuesta." })) {
      return;
    }
    answer.mutate({ id: observationId, answer: text.trim() });
  }

  return (
    <form className="stack answer-form" onSubmit={submit} noValidate aria-label={label}>
      <Field label="Respuesta" error={fieldError("answer")} required>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={3}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              // The server's refusal concerned the text sent: a new text makes it stale.
              if (answer.isError) {
                answer.reset();
              }
            }}
          />
        )}
      </Field>
      <FormError error={answer.error} fields={FIELDS} />
      <SubmitRow variant="secondary" size="small" busy={answer.isPending} busyLabel="Enviando…">
        Enviar respuesta
      </SubmitRow>
    </form>
  );
}
