import type { ReactNode } from "react";

export interface CheckboxOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

/**
 * A fieldset of checkboxes for choosing several values (tools, municipalities, people), with its
 * legend, an optional hint and error, and the options in columns on wide screens.
 */
export function CheckboxGroup({
  legend,
  hint,
  error,
  required,
  options,
  value,
  onChange,
  disabled = false,
  name,
  showAll = false,
}: {
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  options: CheckboxOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  name: string;
  /** Every option in view, no inner scroll box (a short list that must not hide its last items). */
  showAll?: boolean;
}) {
  const chosen = new Set(value);
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  function toggle(option: string, on: boolean) {
    const next = new Set(chosen);
    if (on) {
      next.add(option);
    } else {
      next.delete(option);
    }
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  }
  return (
    <fieldset
      className={error ? "fieldset checkbox-group field--invalid" : "fieldset checkbox-group"}
      aria-describedby={
        [hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined
      }
      disabled={disabled}
    >
      <legend>
        {legend}
        {required ? (
          <span className="field__required" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {options.length === 0 ? <p className="muted">No hay opciones.</p> : null}
      <ul
        className={
          showAll ? "checkbox-group__list checkbox-group__list--all" : "checkbox-group__list"
        }
      >
        {options.map((option) => (
          <li key={option.value}>
            <label className="choice">
              <input
                type="checkbox"
                name={name}
                value={option.value}
                checked={chosen.has(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <span>
                {option.label}
                {option.hint ? <span className="cell-subtitle">{option.hint}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
