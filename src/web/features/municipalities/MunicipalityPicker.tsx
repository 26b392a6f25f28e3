import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import type { Municipality } from "../../../contracts/municipalities.js";
import { Field } from "../../ui/Field";
import { filterMunicipalities, useMunicipalities } from "./queries";

interface MunicipalityPickerProps {
  label?: string;
  /** The chosen municipality's 5-digit INEGI key, or null. */
  value: string | null;
  onChange: (cvegeo: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  /** Municipalities not offered (e.g. those that already have an agreement). */
  exclude?: ReadonlySet<string> | undefined;
}

const describe = (m: Municipality) => `${m.name} (${m.cvegeo})`;

/**
 * A searchable select over the municipalities (an ARIA 1.2 combobox): type part of the name or
 * the key, move with the arrow keys, choose with Enter or a click.
 */
export function MunicipalityPicker({
  label = "Municipio",
  value,
  onChange,
  error,
  required,
  exclude,
}: MunicipalityPickerProps) {
  const municipalities = useMunicipalities();
  const loaded = municipalities.data;
  const all = useMemo(
    () => (loaded ?? []).filter((m) => !exclude?.has(m.cvegeo)),
    [loaded, exclude],
  );
  const selected = all.find((m) => m.cvegeo === value) ?? null;
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLDivElement>(null);

  // Show the chosen municipality when the value comes from outside (editing an existing user).
  const selectedLabel = selected ? describe(selected) : "";
  useEffect(() => {
    if (selectedLabel) {
      setText(selectedLabel);
    }
  }, [selectedLabel]);

  const options = useMemo(() => {
    const query = selected && text === describe(selected) ? "" : text;
    return filterMunicipalities(all, query);
  }, [all, text, selected]);

  useEffect(() => {
    if (!open) {
      return;
    }
    const option = listRef.current?.children[active];
    if (option instanceof HTMLElement) {
      option.scrollIntoView({ block: "nearest" });
    }
  }, [active, open]);

  function choose(municipality: Municipality) {
    onChange(municipality.cvegeo);
    setText(describe(municipality));
    setOpen(false);
  }

  function type(next: string) {
    setText(next);
    setOpen(true);
    setActive(0);
    if (value !== null) {
      onChange(null);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          return;
        }
        setActive((index) => Math.min(index + 1, options.length - 1));
        return;
      case "ArrowUp":
        event.preventDefault();
        setActive((index) => Math.max(index - 1, 0));
        return;
      case "Enter": {
        const option = options[active];
        if (open && option) {
          event.preventDefault();
          choose(option);
        }
        return;
      }
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
        } else if (text) {
          type("");
        }
        return;
      default:
        return;
    }
  }

  const activeOption = open ? options[active] : undefined;
  const loadingHint = municipalities.isPending ? "Cargando municipios…" : undefined;
  return (
    <Field
      label={label}
      required={required}
      hint={loadingHint ?? "Escriba parte del nombre o la clave INEGI y elija de la lista."}
      error={error ?? (municipalities.isError ? municipalities.error.message : undefined)}
      className="combobox"
    >
      {(control) => (
        <div className="combobox__wrap">
          <input
            {...control}
            className="input"
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={activeOption ? `${listId}-${activeOption.cvegeo}` : undefined}
            autoComplete="off"
            value={text}
            onChange={(event) => type(event.target.value)}
            onFocus={() => setOpen(true)}
            onClick={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          <div
            className="combobox__list"
            id={listId}
            role="listbox"
            aria-label={label}
            hidden={!open}
            ref={listRef}
          >
            {options.length === 0 ? (
              <div className="combobox__empty">Ningún municipio coincide.</div>
            ) : (
              options.map((municipality, index) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard is handled by the combobox input.
                <div
                  key={municipality.cvegeo}
                  id={`${listId}-${municipality.cvegeo}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={municipality.cvegeo === value}
                  className={
                    index === active
                      ? "combobox__option combobox__option--active"
                      : "combobox__option"
                  }
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => choose(municipality)}
                >
                  <span>{municipality.name}</span>{" "}
                  <span className="combobox__key">{municipality.cvegeo}</span>
                </div>
              ))
            )}
          </div>
        </div>
      )}
    </Field>
  );
}
