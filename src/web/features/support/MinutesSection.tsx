import { type FormEvent, useEffect, useState } from "react";
import type { SupportActionDetail } from "../../../contracts/support.js";
import { api } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { SubmitRow } from "../../ui/FormActions";
import { ProgressBar } from "../../ui/ProgressBar";
import { TextAreaField } from "../../ui/TextField";
import { DocumentLink } from "../agreements/DocumentLink";
import { DocumentFileField } from "../uploads/DocumentFileField";
import { useActionChange } from "./queries";

/** The minutes: a text and, optionally, the signed file. Staff write them; invitees read them. */
export function MinutesSection({ action, staff }: { action: SupportActionDetail; staff: boolean }) {
  return (
    <section className="stack" aria-labelledby="acta-titulo">
      <h2 id="acta-titulo">Acta</h2>
      {action.minutesDocument ? (
        <p>
          <DocumentLink
            href={api.supportActions.minutesUrl(action.id)}
            label="Acta firmada"
            document={action.minutesDocument}
          />
        </p>
      ) : null}
      {staff ? (
        <>
          <MinutesText action={action} />
          <MinutesFile action={action} />
        </>
      ) : action.minutes ? (
        <div className="panel minutes-text">{action.minutes}</div>
      ) : action.minutesDocument ? null : (
        <p className="empty">Aún no se registra el acta.</p>
      )}
    </section>
  );
}

/**
 * The editor keeps the revision it started from, so that minutes changed by someone else in the
 * meantime answer 409 instead of being overwritten. Newer revisions that left the minutes as they
 * were (an attendee, the file) are taken in silently.
 */
function MinutesText({ action }: { action: SupportActionDetail }) {
  const [text, setText] = useState(action.minutes ?? "");
  const [base, setBase] = useState({ revision: action.revision, minutes: action.minutes });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (action.minutes === base.minutes && action.revision !== base.revision) {
      setBase({ revision: action.revision, minutes: action.minutes });
    }
  }, [action.revision, action.minutes, base]);
  const save = useActionChange((minutes: string) =>
    api.supportActions.saveMinutes(action.id, { minutes, expectedRevision: base.revision }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.mutate(text.trim(), {
      onSuccess: (detail) => {
        setBase({ revision: detail.revision, minutes: detail.minutes });
        setSaved(true);
      },
    });
  }
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Redactar el acta">
      <FormError error={save.error} />
      <TextAreaField
        label="Texto del acta"
        hint="Temas tratados, dudas resueltas y conclusiones."
        rows={8}
        maxLength={20000}
        value={text}
        onChange={(value) => {
          setText(value);
          setSaved(false);
        }}
      />
      {saved ? (
        <Alert tone="success">
          <p>Se guardó el acta.</p>
        </Alert>
      ) : null}
      <SubmitRow
        end
        busy={save.isPending}
        busyLabel="Guardando…"
        disabled={text.trim() === (action.minutes ?? "")}
      >
        Guardar acta
      </SubmitRow>
    </form>
  );
}

function MinutesFile({ action }: { action: SupportActionDetail }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [inputKey, setInputKey] = useState(0);
  const upload = useActionChange((chosen: File) =>
    api.supportActions.uploadMinutes(action.id, chosen, setProgress),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setProblem("Elija el archivo del acta.");
      return;
    }
    setProblem(undefined);
    setProgress(0);
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        setInputKey((key) => key + 1);
      },
      onSettled: () => setProgress(null),
    });
  }
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Adjuntar el acta firmada">
      <FormError error={upload.error} />
      <DocumentFileField
        key={inputKey}
        label={action.minutesDocument ? "Reemplazar el acta firmada" : "Acta firmada (archivo)"}
        error={problem}
        disabled={upload.isPending}
        onChange={(chosen) => {
          setFile(chosen);
          upload.reset();
        }}
      />
      {progress !== null ? (
        <ProgressBar value={progress} label="Avance de la subida del acta" />
      ) : null}
      <SubmitRow end variant="secondary" busy={upload.isPending} busyLabel="Subiendo…">
        Adjuntar acta
      </SubmitRow>
    </form>
  );
}
