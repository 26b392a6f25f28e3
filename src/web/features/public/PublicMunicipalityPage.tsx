import { Link, useParams } from "react-router";
import type { PublicMunicipality } from "../../../contracts/public.js";
import { formatIndicatorValue } from "../../../domain/indicators.js";
import { PUBLIC_TOOL_STATE_LABELS } from "../../../domain/public-progress.js";
import { api, isApiError } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { CycleNotes } from "../../ui/CycleNotes";
import { formatBytes, formatLocalDate, formatNumber } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { numeric, TableHead } from "../../ui/TableHead";
import { ReadingCells } from "../indicators/ReadingCells";
import { METHODOLOGY_PATH } from "../methodology/queries";
import { surveyIndexText } from "../surveys/format";
import { formatPercent, usePublicIndicators, usePublicMunicipality } from "./queries";
import { DimensionScoresTable } from "./ScoreBar";
import { PUBLIC_STATE_TONES } from "./states";
import "./public.css";

/** A municipality's public page: its index, dimensions, tools and validated public documents. */
export function PublicMunicipalityPage() {
  const { cvegeo = "" } = useParams();
  const page = usePublicMunicipality(cvegeo);

  if (page.isPending) {
    return (
      <>
        <PageHeader title="Municipio" />
        <Loading label="Cargando el avance del municipio…" />
      </>
    );
  }
  if (page.isError) {
    const missing = isApiError(page.error) && page.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? "Municipio no encontrado" : "Municipio"} />
        {missing ? (
          <Alert tone="warning">
            <p>No existe un municipio con la clave «{cvegeo}».</p>
          </Alert>
        ) : (
          <ErrorAlert error={page.error} />
        )}
        <p>
          <Link to="/publico">Volver al avance de los municipios</Link>
        </p>
      </>
    );
  }
  const data = page.data;
  return (
    <div className="stack stack--large">
      <PageHeader
        title={data.municipality.name}
        description={
          <p>
            Clave INEGI <span className="mono">{data.municipality.cvegeo}</span>
            {data.municipality.population2020 !== null
              ? ` · ${formatNumber(data.municipality.population2020)} habitantes (2020)`
              : ""}
            {data.agreement
              ? ` · ${data.agreement.cohort} · convenio firmado el ${formatLocalDate(data.agreement.signedOn)}`
              : ""}
          </p>
        }
      />
      {data.participating && data.scores ? (
        <>
          <Scores scores={data.scores} asOf={data.asOf} />
          <Tools tools={data.tools} dimensions={data.scores.dimensions} />
          {data.survey ? <PublicSurveySection survey={data.survey} /> : null}
          <PublicIndicatorsSection cvegeo={data.municipality.cvegeo} />
          <Documents documents={data.documents} />
        </>
      ) : data.left ? (
        <>
          <Alert tone="info" title={`No participa desde el ${formatLocalDate(data.left.since)}`}>
            <p>
              {data.municipality.name} firmó el convenio de colaboración el{" "}
              {formatLocalDate(data.left.signedOn)}; el convenio está{" "}
              {data.left.status === "ended" ? "terminado" : "suspendido"} desde el{" "}
              {formatLocalDate(data.left.since)}, por lo que ya no figura en la clasificación ni en
              las cifras regionales. Lo que publicó sigue disponible.
            </p>
          </Alert>
          <Documents documents={data.documents} />
        </>
      ) : (
        <Alert tone="info" title="Sin convenio">
          <p>
            {data.municipality.name} aún no ha firmado el convenio de colaboración para implementar
            el modelo, por lo que no tiene avance que mostrar.
          </p>
        </Alert>
      )}
      <nav aria-label="Más información" className="button-row">
        <Link to="/publico" className="button button--secondary">
          Todos los municipios
        </Link>
        <Link to="/modelo" className="button button--secondary">
          El modelo y sus herramientas
        </Link>
        <Link to={METHODOLOGY_PATH} className="button button--secondary">
          Cómo se calcula el índice
        </Link>
        <Link to="/datos-abiertos" className="button button--secondary">
          Datos abiertos
        </Link>
        <Link to="/verificar" className="button button--secondary">
          Verificar una cédula de avance
        </Link>
      </nav>
    </div>
  );
}

function Scores({
  scores,
  asOf,
}: {
  scores: NonNullable<PublicMunicipality["scores"]>;
  asOf: string;
}) {
  return (
    <section className="card stack" aria-labelledby="municipio-indice">
      <h2 id="municipio-indice">Índice de implementación</h2>
      <p className="public-score">
        <span className="public-score__value">{formatPercent(scores.index)}</span>
        <span className="public-score__meta">
          Lugar {scores.rank} de {scores.participants} municipios con convenio · mediana:{" "}
          {formatPercent(scores.regionalMedian)} · cifras al {formatLocalDate(asOf)}
        </span>
      </p>
      <DimensionScoresTable caption="Puntaje por dimensión" dimensions={scores.dimensions} />
      <p className="muted small">
        Entregas a tiempo:{" "}
        {scores.onTime.rate === null
          ? "aún no vence ningún plazo"
          : `${formatPercent(scores.onTime.rate)} (${scores.onTime.onTime} de ${scores.onTime.due})`}
        .
      </p>
    </section>
  );
}

function Tools({
  tools,
  dimensions,
}: {
  tools: PublicMunicipality["tools"];
  dimensions: { code: string; name: string }[];
}) {
  return (
    <section aria-labelledby="municipio-herramientas" className="stack">
      <h2 id="municipio-herramientas">Herramientas</h2>
      <div className="table-wrap">
        <table className="table table--compact public-tools">
          <caption className="visually-hidden">Estado de cada herramienta</caption>
          <TableHead columns={["Herramienta", "Estado", "Plazo", "Validada el"]} />
          {dimensions.map((dimension) => {
            const rows = tools.filter((tool) => tool.dimension === dimension.code);
            if (rows.length === 0) {
              return null;
            }
            return (
              <tbody key={dimension.code}>
                <tr className="public-tools__dimension">
                  <th scope="colgroup" colSpan={4}>
                    {dimension.name}
                  </th>
                </tr>
                {rows.map((tool) => (
                  <tr key={tool.code} data-tool={tool.code}>
                    <th scope="row">
                      <span className="code-chip">{tool.code}</span> {tool.name}
                      {tool.cycle > 1 ? (
                        <span className="muted small"> · ciclo {tool.cycle}</span>
                      ) : null}
                      {tool.parts > 1 ? (
                        <span className="muted small">
                          {" "}
                          · {tool.validatedParts} de {tool.parts} componentes validados
                        </span>
                      ) : null}
                    </th>
                    <td>
                      <Badge tone={PUBLIC_STATE_TONES[tool.state]}>
                        {PUBLIC_TOOL_STATE_LABELS[tool.state]}
                      </Badge>
                      <CycleNotes status={tool} />
                    </td>
                    <td className="nowrap">{formatLocalDate(tool.deadline) || "—"}</td>
                    <td className="nowrap">{formatLocalDate(tool.validatedOn) || "—"}</td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}

/** The latest validated M1 survey: index, interval, responses and the comments not hidden. */
function PublicSurveySection({ survey }: { survey: NonNullable<PublicMunicipality["survey"]> }) {
  return (
    <section aria-labelledby="municipio-encuesta" className="stack">
      <h2 id="municipio-encuesta">Satisfacción de las personas usuarias (M1)</h2>
      <dl className="survey-summary">
        <div>
          <dt>Índice de satisfacción</dt>
          <dd data-testid="public-survey-index">{surveyIndexText(survey.index)}</dd>
        </div>
        <div>
          <dt>Respuestas</dt>
          <dd data-testid="public-survey-responses">{formatNumber(survey.responses)}</dd>
        </div>
      </dl>
      <p className="muted small">
        Encuesta anónima del ciclo {survey.cycle}
        {survey.closedOn ? `, cerrada el ${formatLocalDate(survey.closedOn)}` : ""}, validada por el
        órgano garante. El índice va de 0 a 100, con su intervalo de confianza del 95 %.
      </p>
      {survey.comments.length > 0 ? (
        <>
          <h3>Comentarios</h3>
          <ul className="survey-comments" data-testid="public-survey-comments">
            {survey.comments.map((comment, index) => (
              // Public comments carry no id; the list is fixed for a given page.
              // biome-ignore lint/suspicious/noArrayIndexKey: a static list
              <li key={index} className="survey-comment">
                <p>{comment.text}</p>
                <p className="muted small">{formatLocalDate(comment.submittedOn)}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * The municipality's public M2 indicators: each one's latest sent period against its target, and
 * the regional median when at least three municipalities reported it. Nothing while none is sent.
 */
function PublicIndicatorsSection({ cvegeo }: { cvegeo: string }) {
  const query = usePublicIndicators(cvegeo);
  const series = (query.data?.series ?? []).filter((entry) => entry.points.length > 0);
  if (series.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="municipio-indicadores" className="stack">
      <h2 id="municipio-indicadores">Indicadores de desempeño (M2)</h2>
      <p className="muted small">
        El último periodo que el municipio envió de cada indicador público, frente a la meta que
        adoptó. La serie completa está en los datos abiertos.
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="public-indicators">
          <caption className="visually-hidden">Indicadores de desempeño públicos</caption>
          <TableHead
            columns={[
              "Indicador",
              "Periodo",
              numeric("Valor"),
              numeric("Meta"),
              "Semáforo",
              numeric("Mediana regional"),
            ]}
          />
          <tbody>
            {series.map((entry) => {
              const point = entry.points.at(-1);
              return point ? (
                <tr key={entry.code}>
                  <th scope="row">{entry.name}</th>
                  <td>{point.label}</td>
                  <ReadingCells indicator={entry} reading={point} />
                  <td className="numeric">
                    {point.region ? formatIndicatorValue(entry, point.region.median) : "—"}
                  </td>
                </tr>
              ) : null;
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Documents({ documents }: { documents: PublicMunicipality["documents"] }) {
  return (
    <section aria-labelledby="municipio-documentos" className="stack">
      <h2 id="municipio-documentos">Documentos publicados</h2>
      {documents.length === 0 ? (
        <p className="empty">Aún no hay documentos validados publicados.</p>
      ) : (
        <ul className="public-documents">
          {documents.map((document) => (
            <li key={document.id} className="panel public-documents__item">
              <a href={api.public.documentUrl(document.id)} download={document.fileName}>
                {document.fileName}
              </a>
              <span className="muted small">
                {document.tool} ·{" "}
                {document.partName
                  ? `${document.toolName}: ${document.partName}`
                  : document.toolName}
                {document.cycle > 1 ? ` · ciclo ${document.cycle}` : ""} · validado el{" "}
                {formatLocalDate(document.validatedOn)} · {formatBytes(document.size)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
