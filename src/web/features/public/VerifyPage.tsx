import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { ReportCardVerification } from "../../../contracts/reports.js";
import { missedCyclesLabel } from "../../../domain/progress.js";
import { PUBLIC_TOOL_STATE_LABELS } from "../../../domain/public-progress.js";
import { api, isApiError } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Field } from "../../ui/Field";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { formatPercentValue, publicMunicipalityPath } from "./queries";
import { ScoreBar } from "./ScoreBar";
import { PUBLIC_STATE_TONES } from "./states";
import "./public.css";

/**
 * The public check of a printed report card (cédula de avance): type or follow the code printed
 * on it, and see whether it matches a card the institution issued and what that card said.
 */
export function VerifyPage() {
  const { code = "" } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  const verification = useQuery({
    queryKey: ["public", "report-card", code],
    queryFn: () => api.reportCards.verify(code),
    enabled: code !== "",
    staleTime: 5 * 60_000,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const clean = typed.trim().toUpperCase();
    if (clean) {
      void navigate(`/verificar/${encodeURIComponent(clean)}`);
    }
  }

  return (
    <div className="stack stack--large">
      <PageHeader
        title="Verificar una cédula de avance"
        description={
          <p>
            Cada cédula de avance impresa lleva un código de verificación. Escríbalo aquí para
            comprobar que la emitió el órgano garante y ver lo que decía.
          </p>
        }
      />
      <form className="verify-form" onSubmit={submit}>
        <Field label="Código de verificación" hint="16 caracteres, p. ej. 3F9A-12BC-77D0-E145.">
          {(control) => (
            <input
              {...control}
              className="input mono"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              maxLength={40}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary">
          Verificar
        </button>
      </form>
      {code !== "" && verification.isPending ? <Loading label="Verificando el código…" /> : null}
      {verification.isError ? (
        isApiError(verification.error) && verification.error.status === 404 ? (
          <Alert tone="warning" title="Código no encontrado">
            <p>{verification.error.message}</p>
            <p>Revise que lo haya escrito tal como aparece en la cédula.</p>
          </Alert>
        ) : (
          <ErrorAlert error={verification.error} />
        )
      ) : null}
      {verification.data ? <Verified card={verification.data} /> : null}
    </div>
  );
}

function Verified({ card }: { card: ReportCardVerification }) {
  return (
    <section className="stack" aria-labelledby="cedula-titulo">
      {card.intact ? (
        <Alert tone="success" title="Cédula auténtica">
          <p>
            El código {card.code} corresponde a la cédula de avance de {card.municipality.name}{" "}
            emitida el {formatDateTime(card.issuedAt)} por {card.institution.name}. Abajo está lo
            que decía.
          </p>
        </Alert>
      ) : (
        <Alert tone="error" title="Contenido alterado">
          <p>
            El código {card.code} corresponde a una cédula emitida, pero el contenido registrado ya
            no coincide con su huella digital: no confíe en estas cifras y comuníquese con{" "}
            {card.institution.name}.
          </p>
        </Alert>
      )}
      <h2 id="cedula-titulo">
        Lo que decía la cédula de{" "}
        <Link to={publicMunicipalityPath(card.municipality.cvegeo)}>{card.municipality.name}</Link>
      </h2>
      <p className="public-score">
        <span className="public-score__value">{formatPercentValue(card.index)}</span>
        <span className="public-score__meta">
          Índice de implementación · lugar {card.rank} de {card.participants} municipios con
          convenio · cifras al {formatLocalDate(card.asOf)}
        </span>
      </p>
      <Table
        caption="Puntaje por dimensión en la cédula"
        className="table--compact"
        columns={["Dimensión", numeric("Puntaje")]}
      >
        {card.dimensions.map((dimension) => (
          <tr key={dimension.code}>
            <th scope="row">{dimension.name}</th>
            <td className="numeric nowrap">
              <ScoreBar score={dimension.score / 100} />
              {formatPercentValue(dimension.score)}
            </td>
          </tr>
        ))}
      </Table>
      <Table
        caption="Estado de cada herramienta en la cédula"
        className="table--compact"
        columns={["Herramienta", "Estado"]}
      >
        {card.tools.map((tool) => (
          <tr key={tool.code} data-tool={tool.code}>
            <th scope="row">
              <span className="code-chip">{tool.code}</span> {tool.name}
            </th>
            <td>
              <Badge tone={PUBLIC_STATE_TONES[tool.state]}>
                {PUBLIC_TOOL_STATE_LABELS[tool.state]}
              </Badge>
              {tool.missedCycles.length > 0 && tool.cycles.length > 1 ? (
                <span className="cycle-note cycle-note--missed small">
                  {missedCyclesLabel(tool.missedCycles)}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
      <p className="muted small">
        {card.openObservations === 0
          ? "La cédula no listaba observaciones abiertas."
          : `La cédula listaba ${card.openObservations} ${card.openObservations === 1 ? "observación abierta" : "observaciones abiertas"} (su texto no es público).`}
      </p>
      <p className="muted small break">
        Huella digital (SHA-256) del contenido: <span className="mono">{card.contentSha256}</span>
      </p>
    </section>
  );
}
