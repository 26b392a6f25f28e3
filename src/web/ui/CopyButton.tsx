import { useState } from "react";

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
