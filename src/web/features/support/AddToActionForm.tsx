import type { FormEvent, ReactNode } from "react";
import type { SupportActionDetail } from "../../../contracts/support.js";
import { FormError } from "../../ui/Alert";
import { SubmitRow } from "../../ui/FormActions";
import type { SelectOption } from "../../ui/SelectField";

/** The invited municipalities, as the options of a list. */
export function invitedOptions(action: SupportActionDetail): SelectOption[] {
  return action.invited.map((m) => ({ value: m.cvegeo, label: m.name }));
}

/** The only invited municipality, chosen beforehand; none when several were invited. */
export function soleInvited(action: SupportActionDetail): string {
  return action.invited.length === 1 ? (action.invited[0]?.cvegeo ?? "") : "";
}

/** A card below a held action where staff add one item (an attendee, a commitment). */
export function AddToActionForm({
  title,
  error,
  fields,
  onSubmit,
  busy,
  busyLabel,
  submitLabel,
  children,
}: {
  title: string;
  /** The submission's error; messages about `fields` are shown beside them. */
  error: unknown;
  fields: readonly string[];
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  busyLabel: string;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <FormError error={error} fields={fields} />
      {children}
      <SubmitRow end variant="secondary" busy={busy} busyLabel={busyLabel}>
        {submitLabel}
      </SubmitRow>
    </form>
  );
}
