import type { ReactNode } from "react";
import { TextField } from "./TextField";

/** A labelled password input. */
export function PasswordField(props: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  name?: string;
  autoComplete: "current-password" | "new-password";
  value: string;
  onChange: (value: string) => void;
}) {
  return <TextField {...props} type="password" />;
}
