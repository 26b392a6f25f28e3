import { type Ref, useState } from "react";
import { chosenFileProblem } from "../../../domain/uploads.js";
import { Field } from "../../ui/Field";
import { useUploadHint, useUploadLimits } from "./limits";

/** The file types the server accepts, for the `accept` attribute of file inputs. */
export const ACCEPTED_FILES =
  ".pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/**
 * A file input for one document (the signed agreement, a designation letter, an evidence). A file
 * the server would refuse for its size or type is refused here, before a byte is sent: the field
 * says why (naming the limit) and the form is told no file was chosen.
 */
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
  const limits = useUploadLimits().data;
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Field label={label} hint={hint ?? defaultHint} required={required} error={problem ?? error}>
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          className="input input--file"
          type="file"
          accept={ACCEPTED_FILES}
          disabled={disabled}
          onChange={(event) => {
            const file = event.target.files?.[0] ?? null;
            // Without the limits (still loading) the server's check is the only one.
            const found = file && limits ? chosenFileProblem(file, limits) : null;
            setProblem(found);
            onChange(found ? null : file);
          }}
        />
      )}
    </Field>
  );
}
