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

/** The mutation that adds the item: one call, no variables of its own. */
interface AddMutation {
  mutate: (variables: undefined, options?: { onSuccess?: () => void }) => void;
  error: unknown;
  isPending: boolean;
}

/**
 * A card below a held action where staff add one item (an attendee, a commitment): on submit it
 * checks the fields (`validate` shows its own messages), adds, and then lets the form clear what
 * the next item will not share (`onAdded`).
 */
export function AddToActionForm({
  title,
  add,
  fields,
  validate,
  onAdded,
  busyLabel,
  submitLabel,
  children,
}: {
  title: string;
  add: AddMutation;
  /** The fields the server may object to; its messages about them are shown beside them. */
  fields: readonly string[];
  /** Whether the fields are fit to send. */
  validate: () => boolean;
  onAdded: () => void;
  busyLabel: string;
  submitLabel: string;
  children: ReactNode;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (validate()) {
      add.mutate(undefined, { onSuccess: onAdded });
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <FormError error={add.error} fields={fields} />
      {children}
      <SubmitRow end variant="secondary" busy={add.isPending} busyLabel={busyLabel}>
        {submitLabel}
      </SubmitRow>
    </form>
  );
}
