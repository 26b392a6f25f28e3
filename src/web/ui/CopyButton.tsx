import { type ReactNode, useId, useState } from "react";

/** Copies a text to the clipboard and says so; when the clipboard is unavailable, says that. */
export function CopyButton({ text, label = "Copiar" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="copy">
      <button type="button" className="button button--secondary button--small" onClick={copy}>
        {label}
      </button>
      <span className="copy__status" role="status">
        {state === "copied" ? "Copiada al portapapeles." : null}
        {state === "failed" ? "No se pudo copiar; selecciónela y cópiela a mano." : null}
      </span>
    </span>
  );
}

/**
 * A value to copy now (a token shown once, a private address): read-only, selected on focus,
 * with its copy button, any other `actions` beside it, and `children` below.
 */
export function CopyableValue({
  label,
  value,
  copyLabel,
  actions,
  children,
}: {
  label: ReactNode;
  value: string;
  copyLabel: string;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="copyable">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className="input copyable__input"
        value={value}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="button-row">
        <CopyButton text={value} label={copyLabel} />
        {actions}
      </div>
      {children}
    </div>
  );
}
