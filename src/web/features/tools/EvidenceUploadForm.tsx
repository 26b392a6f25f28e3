import { type FormEvent, useRef, useState } from "react";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { effectiveDateProblem } from "../../../domain/uploads.js";
import { FormError } from "../../ui/Alert";
import { Field } from "../../ui/Field";
import { SubmitRow } from "../../ui/FormActions";
import { todayLocalDate } from "../../ui/format";
import { ProgressBar } from "../../ui/ProgressBar";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { DocumentFileField } from "../uploads/DocumentFileField";
import { useUploadHint } from "../uploads/limits";
import { useUploadEvidence } from "./queries";

const FIELDS = ["file", "effectiveOn"] as const;

interface EvidenceUploadFormProps {
  instanceId: string;
  /** Names the form for assistive technology, e.g. "Subir documento de E2". */
  label: string;
  /** A smaller form (inside a diagnostic row): no public checkbox. */
  compact?: boolean;
  onUploaded?: (detail: ToolInstanceDetail) => void;
}

/** Uploads one document to a tool instance, with a real progress bar and the server's errors. */
export function EvidenceUploadForm({
  instanceId,
  label,
  compact = false,
  onUploaded,
}: EvidenceUploadFormProps) {
  const upload = useUploadEvidence(instanceId);
  const uploadHint = useUploadHint();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [effectiveOn, setEffectiveOn] = useState(todayLocalDate);
  const [isPublic, setIsPublic] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { check, fieldError } = useFieldProblems(FIELDS, upload.error, { file, effectiveOn });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (upload.isPending) {
      return;
    }
    setDone(null);
    const problems = {
      file: file ? undefined : "Elija el archivo que desea subir.",
      effectiveOn: effectiveOn
        ? (effectiveDateProblem(effectiveOn, todayLocalDate()) ?? undefined)
        : undefined,
    };
    if (!check(problems) || !file) {
      return;
    }
    setProgress(0);
    upload.mutate(
      { file, effectiveOn: effectiveOn || undefined, isPublic, onProgress: setProgress },
      {
        onSuccess: (detail) => {
          setDone(`Se subió «${file.name}».`);
          setFile(null);
          if (inputRef.current) {
            inputRef.current.value = "";
          }
          onUploaded?.(detail);
        },
        onSettled: () => setProgress(null),
      },
    );
  }

  return (
    <form
      className={compact ? "upload upload--compact" : "upload"}
      onSubmit={submit}
      noValidate
      aria-label={label}
    >
      <div className="upload__fields">
        <DocumentFileField
          label="Archivo"
          hint={uploadHint}
          error={fieldError("file")}
          required
          inputRef={inputRef}
          // Changing the file while one is uploading would lose track of that upload.
          disabled={upload.isPending}
          onChange={(chosen) => {
            setFile(chosen);
            setDone(null);
            upload.reset();
          }}
        />
        <Field
          label="Fecha de vigencia"
          hint="Desde cuándo rige el documento: hoy o antes."
          error={fieldError("effectiveOn")}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="date"
              max={todayLocalDate()}
              value={effectiveOn}
              onChange={(event) => setEffectiveOn(event.target.value)}
            />
          )}
        </Field>
      </div>
      {compact ? null : (
        <label className="choice">
          <input
            type="checkbox"
            checked={isPublic}
            onChange={(event) => setIsPublic(event.target.checked)}
          />
          Documento público (podrá publicarse cuando la herramienta se valide)
        </label>
      )}
      {progress !== null ? <ProgressBar value={progress} label="Avance de la subida" /> : null}
      <FormError error={upload.error} />
      {done ? (
        <p className="upload__done" role="status">
          {done}
        </p>
      ) : null}
      <SubmitRow variant="secondary" busy={upload.isPending} busyLabel="Subiendo…">
        Subir documento
      </SubmitRow>
    </form>
  );
}
