import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: "normal" | "small";
  /** Disables the button and says what is going on, while a request is running. */
  busy?: boolean;
  busyLabel?: string;
}

export function Button({
  variant = "secondary",
  size = "normal",
  busy = false,
  busyLabel,
  type = "button",
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  const classes = [
    "button",
    `button--${variant}`,
    size === "small" ? "button--small" : "",
    className,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <button
      type={type}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** A request with nothing to send but the click: a mutation without variables. */
export interface ClickMutation {
  isPending: boolean;
  mutate: () => void;
}

/**
 * A button that runs a mutation when clicked and is busy while it runs (`busyLabel` says what is
 * going on meanwhile).
 */
export function MutationButton({
  mutation,
  ...rest
}: Omit<ButtonProps, "busy" | "onClick"> & { mutation: ClickMutation }) {
  return <Button busy={mutation.isPending} onClick={() => mutation.mutate()} {...rest} />;
}
