import { useId, useState } from "react";
import { Link } from "react-router";
import type { PublicSummary } from "../../../contracts/public.js";
import { foldForSearch } from "../../../domain/text.js";
import { plural } from "../../ui/format";
import { formatPercent, publicMunicipalityPath } from "./queries";

type Entry = PublicSummary["municipalities"][number];

const MAX_RESULTS = 8;

/** Finds a municipality by name (accents and case ignored) or INEGI key, with or without agreement. */
export function MunicipalitySearch({ municipalities }: { municipalities: readonly Entry[] }) {
  const [query, setQuery] = useState("");
  const id = useId();
  const folded = foldForSearch(query);
  const matches =
    folded === ""
      ? []
      : municipalities.filter((entry) =>
          /^\d+$/.test(folded)
            ? entry.cvegeo.startsWith(folded) || entry.cvegeo.slice(2).startsWith(folded)
            : foldForSearch(entry.name).includes(folded),
        );
  return (
    <search className="public-search" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="field__label">
        Busque su municipio
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Por nombre (sin importar acentos) o por clave INEGI.
      </p>
      <input
        id={id}
        className="input"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-status`} className="visually-hidden" role="status">
        {folded === ""
          ? ""
          : plural(matches.length, "municipio encontrado", "municipios encontrados")}
      </p>
      {folded !== "" ? (
        matches.length === 0 ? (
          <p className="empty">Ningún municipio coincide con «{query}».</p>
        ) : (
          <ul className="public-search__results">
            {matches.slice(0, MAX_RESULTS).map((entry) => (
              <li key={entry.cvegeo}>
                <Link to={publicMunicipalityPath(entry.cvegeo)}>{entry.name}</Link>{" "}
                <span className="muted small">
                  {entry.participating ? `índice ${formatPercent(entry.index)}` : "sin convenio"}
                </span>
              </li>
            ))}
            {matches.length > MAX_RESULTS ? (
              <li className="muted small">
                y {matches.length - MAX_RESULTS} más: escriba más letras para acotar.
              </li>
            ) : null}
          </ul>
        )
      ) : null}
    </search>
  );
}
