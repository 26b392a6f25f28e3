import type { Ref } from "react";
import { Field } from "../../ui/Field";
import { useUploadHint } from "./limits";

/** The file types the server accepts, for the `accept` attribute of file inputs. */
export const ACCEPTED_FILES =
  ".pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/** A file input for one document (the signed agreement, a designation letter, an evidence). */
export function DocumentFileField({
  label,
  hint,
  later = false,
  required = false,
  error,
  inputRef,
  disabled = false,
  onChange,
}: {
  label: string;
  hint?: string;
  /** The document may also be attached afterwards: the hint says so. */
  later?: boolean;
  required?: boolean;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  onChange: (file: File | null) => void;
}) {
  const defaultHint = useUploadHint(later ? "También puede adjuntarlo después." : "");
  return (
    <Field label={label} hint={hint ?? defaultHint} required={required} error={error}>
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
