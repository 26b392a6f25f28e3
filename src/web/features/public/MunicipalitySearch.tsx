import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/Alert";
import { plural } from "../../ui/format";
import { useDebouncedValue } from "../../ui/useDebouncedValue";
import { formatPercent, publicMunicipalityPath, usePublicSearch } from "./queries";

/** Finds a municipality by name (accents and case ignored) or INEGI key, with or without agreement. */
export function MunicipalitySearch() {
  const [query, setQuery] = useState("");
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // The home arrives rendered and the app adopts it later: on a slow phone a visitor may type
  // before then. React keeps what was typed in the box but never hears of it, so the search
  // starts from the box's own value.
  useEffect(() => {
    const typed = input.current?.value ?? "";
    if (typed !== "") {
      setQuery(typed);
    }
  }, []);
  const asked = useDebouncedValue(query.trim(), 200);
  const results = usePublicSearch(asked);
  const data = asked === "" ? undefined : results.data;
  return (
    <search className="public-search" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="field__label">
        Busque su municipio
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Por nombre (sin importar acentos) o por clave INEGI.
      </p>
      <input
        ref={input}
        id={id}
        className="input"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
      />
      <p className="visually-hidden" role="status">
        {data ? plural(data.total, "municipio encontrado", "municipios encontrados") : ""}
      </p>
      <ErrorAlert error={asked === "" ? null : results.error} />
      {data ? (
        data.total === 0 ? (
          <p className="empty">Ningún municipio coincide con «{asked}».</p>
        ) : (
          <ul className="public-search__results">
            {data.items.map((entry) => (
              <li key={entry.cvegeo}>
                <Link to={publicMunicipalityPath(entry.cvegeo)}>{entry.name}</Link>{" "}
                <span className="muted small">
                  {entry.participating
                    ? `índice ${formatPercent(entry.index)}, lugar ${entry.rank}`
                    : "sin convenio"}
                </span>
              </li>
            ))}
            {data.total > data.items.length ? (
              <li className="muted small">
                y {data.total - data.items.length} más: escriba más letras para acotar.
              </li>
            ) : null}
          </ul>
        )
      ) : null}
    </search>
  );
}
