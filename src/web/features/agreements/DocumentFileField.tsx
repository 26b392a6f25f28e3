import type { Ref } from "react";
import { Field } from "../../ui/Field";
import { ACCEPTED_FILES } from "../tools/EvidenceUploadForm";

export const DOCUMENT_HINT = "PDF, DOCX, XLSX, ODT, ODS, JPG o PNG; hasta 25 MB.";

/** A file input for one document (the signed agreement, a designation letter). */
export function DocumentFileField({
  label,
  hint = DOCUMENT_HINT,
  required = false,
  error,
  inputRef,
  disabled = false,
  onChange,
}: {
  label: string;
  hint?: string;
  required?: boolean;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  onChange: (file: File | null) => void;
}) {
  return (
    <Field label={label} hint={hint} required={required} error={error}>
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          className="input input--file"
          type="file"
          accept={ACCEPTED_FILES}
          disabled={disabled}
          onChange={(event) => onChange(event.target.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}
