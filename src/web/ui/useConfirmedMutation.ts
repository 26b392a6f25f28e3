import { useState } from "react";
import type { ConfirmedMutation } from "./Dialog";

/** A request sent without variables, as TanStack Query's `useMutation` gives it. */
interface PlainMutation extends ConfirmedMutation {
  mutate: (variables: undefined, options: { onSuccess: () => void }) => void;
}

/**
 * A button asks, a `ConfirmDialog` confirms, and the request runs once; the dialog closes when
 * it succeeds and stays open, with the error, when it fails. Spread `dialog` on the ConfirmDialog.
 */
export function useConfirmedMutation(mutation: PlainMutation) {
  const [asking, setAsking] = useState(false);
  const done = () => setAsking(false);
  return {
    ask: () => setAsking(true),
    dialog: {
      open: asking,
      mutation,
      onCancel: done,
      onConfirm: () => {
        if (!mutation.isPending) {
          mutation.mutate(undefined, { onSuccess: done });
        }
      },
    },
  };
}
