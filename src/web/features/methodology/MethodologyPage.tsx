import { Fragment } from "react";
import { Link } from "react-router";
import type { PublicMethodology } from "../../../contracts/public.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import { ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { formatDate, formatDateTime, formatLocalDate, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Table } from "../../ui/Table";
import { numeric, TableHead } from "../../ui/TableHead";
import { formatPercent, PUBLIC_RANKING_PATH } from "../public/queries";
import { useMethodology } from "./queries";
import "./methodology.css";
import { Detail } from "../../ui/Detail";

type Sheet = PublicMethodology;
type SheetTool = Sheet["model"]["dimensions"][number]["tools"][number];
type Example = Sheet["examples"][number];

/**
 * The technical sheet (ficha técnica) of the implementation index: the model version in force,
 * its dimensions and tools with their weights and periods, how every score is computed, the
 * yearly-cycle and on-time rules, the data cut-off, and worked examples computed by the server
 * with the same functions that compute the published scores. Public, and made to be printed.
 */
export function MethodologyPage() {
  const sheet = useMethodology();
  return (
    <div className="stack stack--large methodology">
      <PageHeader
        title="Metodología del índice de implementación"
        description={
          <p>
            Ficha técnica del índice con que se mide el avance de cada municipio en el Modelo
            Regional de Transparencia Municipal: qué mide, cómo se calcula y con qué pesos. Se
            genera a partir de la versión del modelo vigente.
          </p>
        }
        actions={
          <Button className="no-print" onClick={() => window.print()}>
            Imprimir
          </Button>
        }
      />
      {sheet.isPending ? <Loading label="Cargando la metodología…" /> : null}
      <ErrorAlert error={sheet.error} />
      {sheet.data ? <SheetContent sheet={sheet.data} /> : null}
    </div>
  );
}

function SheetContent({ sheet }: { sheet: Sheet }) {
  const tools = sheet.model.dimensions.flatMap((dimension) => dimension.tools);
  const annual = tools.filter((tool) => tool.period.kind === "annual").map((tool) => tool.code);
  return (
    <>
      <TechnicalSheet sheet={sheet} toolCount={tools.length} />
      <Weights sheet={sheet} />
      <Calculation sheet={sheet} />
      <YearlyCycles annual={annual} />
      <OnTime />
      <Exceptions sheet={sheet} />
      <CutOff sheet={sheet} />
      <Examples sheet={sheet} />
      <nav aria-label="Más información" className="button-row no-print">
        <Link to={PUBLIC_RANKING_PATH} className="button button--secondary">
          Clasificación de los municipios
        </Link>
        <Link to="/modelo" className="button button--secondary">
          El modelo y sus herramientas
        </Link>
        <Link to="/datos-abiertos" className="button button--secondary">
          Datos abiertos
        </Link>
      </nav>
    </>
  );
}

function TechnicalSheet({ sheet, toolCount }: { sheet: Sheet; toolCount: number }) {
  const { model } = sheet;
  return (
    <section aria-labelledby="metodologia-ficha" className="card stack">
      <h2 id="metodologia-ficha">Ficha técnica</h2>
      <dl className="methodology-sheet">
        <Detail term="Indicador">
          Índice de implementación del Modelo Regional de Transparencia Municipal.
        </Detail>
        <Detail term="Qué mide">
          Cuánto ha implementado cada municipio las herramientas del modelo, según las revisiones
          del órgano garante: de 0 % (nada validado ni medido) a 100 % (todas las herramientas
          validadas, con la madurez más alta donde se mide).
        </Detail>
        <Detail term="Unidad de observación">
          Cada municipio con convenio de colaboración firmado. Los municipios sin convenio no tienen
          índice ni lugar en la clasificación.
        </Detail>
        <Detail term="Modelo vigente">
          {model.label}, versión {model.version}, publicada el {formatDate(model.publishedAt)}:{" "}
          {plural(model.dimensions.length, "dimensión", "dimensiones")} y{" "}
          {plural(toolCount, "herramienta", "herramientas")}.
        </Detail>
        {sheet.versionsInUse.length > 0 ? (
          <Detail term="Versión de cada municipio">
            Cada municipio se mide con la versión del modelo vigente cuando firmó su convenio:{" "}
            {sheet.versionsInUse
              .map(
                (version) =>
                  `versión ${version.version} (${version.label}): ${plural(version.municipalities, "municipio", "municipios")}`,
              )
              .join("; ")}
            .
          </Detail>
        ) : null}
        <Detail term="Fuente">
          Los registros de esta plataforma: el convenio de cada municipio, sus entregas con su
          evidencia, y las revisiones (validaciones, observaciones y madurez medida) del órgano
          garante.
        </Detail>
        <Detail term="Corte de los datos">
          Cifras al {formatLocalDate(sheet.asOf)}, calculadas al día en la Ciudad de México. Ficha
          generada el {formatDateTime(sheet.generatedAt)} (hora del centro de México) con los datos
          registrados hasta ese momento
          {sheet.dataStamp === null ? "" : ` (sello de datos ${sheet.dataStamp})`}.
        </Detail>
        <Detail term="Presentación">
          Porcentajes con un decimal. En la clasificación, los empates comparten lugar.
        </Detail>
      </dl>
    </section>
  );
}

function Weights({ sheet }: { sheet: Sheet }) {
  return (
    <section aria-labelledby="metodologia-pesos" className="stack">
      <h2 id="metodologia-pesos">Dimensiones, herramientas y pesos</h2>
      <p>
        El peso de una dimensión en el índice es su peso entre la suma de los pesos de todas las
        dimensiones; el de una herramienta en su dimensión, su peso entre la suma de los pesos de
        las herramientas de esa dimensión; y su peso en el índice, el producto de ambos. Los pesos
        pertenecen a cada versión del modelo.
      </p>
      <div className="table-wrap">
        <table className="table table--compact methodology-weights">
          <caption className="visually-hidden">
            Pesos, plazos y forma de puntuar de cada herramienta de la versión {sheet.model.version}
          </caption>
          <TableHead
            columns={[
              "Herramienta",
              "Plazo",
              "Cómo puntúa",
              numeric("Peso en la dimensión"),
              numeric("Peso en el índice"),
            ]}
          />
          {sheet.model.dimensions.map((dimension) => (
            <tbody key={dimension.code} data-dimension={dimension.code}>
              <tr className="methodology-weights__dimension">
                <th scope="colgroup" colSpan={3}>
                  {dimension.name} ({dimension.code})
                </th>
                <td />
                <td className="numeric nowrap">{formatPercent(dimension.share)}</td>
              </tr>
              {dimension.tools.map((tool) => (
                <tr key={tool.code} data-tool={tool.code}>
                  <th scope="row">
                    <span className="code-chip">{tool.code}</span> {tool.name}
                  </th>
                  <td>
                    {tool.periodRule}
                    {addsToRule(tool) ? (
                      <span className="methodology-weights__note muted small">
                        Según el modelo: «{tool.period.label}»
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <ToolScoring tool={tool} label={labelOf(sheet, tool.scoring)} />
                  </td>
                  <td className="numeric nowrap">{formatPercent(tool.shareOfDimension)}</td>
                  <td className="numeric nowrap">{formatPercent(tool.shareOfIndex)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

/** Whether the model's own wording of a period says more than the rule («3 meses» does not). */
function addsToRule(tool: SheetTool): boolean {
  const label = tool.period.label.trim().toLowerCase();
  return label !== "" && !tool.periodRule.toLowerCase().startsWith(label);
}

const labelOf = (sheet: Sheet, kind: SheetTool["scoring"]) =>
  sheet.scoringRules.find((rule) => rule.kind === kind)?.label ?? kind;

function ToolScoring({ tool, label }: { tool: SheetTool; label: string }) {
  const details =
    tool.scoring === "levels"
      ? tool.maturityLevels.map((level) => `${level.level}: ${level.name}`)
      : tool.scoring === "criteria"
        ? tool.criteria.map((criterion) => criterion.name)
        : [];
  return (
    <>
      {label}
      {tool.parts.length > 0 ? (
        <span className="methodology-weights__note muted small">
          Componentes: {tool.parts.map((part) => `${part.code}) ${part.name}`).join("; ")}
        </span>
      ) : null}
      {details.length > 0 ? (
        <span className="methodology-weights__note muted small">
          {tool.scoring === "levels" ? "Niveles" : "Criterios"}: {details.join("; ")}
        </span>
      ) : null}
    </>
  );
}

function Calculation({ sheet }: { sheet: Sheet }) {
  return (
    <section aria-labelledby="metodologia-calculo" className="stack">
      <h2 id="metodologia-calculo">Cómo se calcula</h2>
      <h3>El puntaje de cada herramienta (de 0 a 1)</h3>
      <dl className="methodology-rules">
        {sheet.scoringRules.map((rule) => (
          <div key={rule.kind}>
            <dt>{rule.label}</dt>
            <dd>{rule.rule}</dd>
          </div>
        ))}
      </dl>
      <p>
        Solo suma lo que validó o midió una revisión del órgano garante: una entrega enviada y aún
        no revisada no suma, salvo la madurez que ya midió su revisión anterior.
      </p>
      <h3>El puntaje de cada dimensión</h3>
      <p>
        Es el promedio ponderado de los puntajes de sus herramientas, con los pesos de la versión:
        la suma de peso × puntaje de cada herramienta, entre la suma de los pesos.
      </p>
      <h3>El índice de implementación</h3>
      <p>
        Es el promedio ponderado de los puntajes de las dimensiones con sus pesos. Equivale a sumar,
        por cada herramienta, su puntaje por su peso en el índice (la última columna de la tabla
        anterior).
      </p>
    </section>
  );
}

function YearlyCycles({ annual }: { annual: string[] }) {
  return (
    <section aria-labelledby="metodologia-ciclos" className="stack">
      <h2 id="metodologia-ciclos">Herramientas anuales: qué ciclo cuenta</h2>
      <p>
        Las herramientas anuales
        {annual.length > 0 ? ` (${annual.join(", ")} en la versión vigente)` : ""} se entregan una
        vez por año. El ciclo 1 se abre con la firma del convenio y vence en su primer aniversario;
        cada ciclo siguiente se abre en un aniversario y vence en el siguiente.
      </p>
      <ul>
        <li>
          Cuenta el ciclo más reciente que ya venció (su plazo pasó) o que ya está validado.
          Mientras no haya ninguno, cuenta el ciclo 1.
        </li>
        <li>
          Un ciclo nuevo que ya se abrió y todavía no vence es trabajo en curso: nunca baja el
          puntaje. Por eso el índice no baja en un aniversario del convenio.
        </li>
        <li>
          Un ciclo cuyo plazo pasó sin validarse es una entrega incumplida: aparece como vencido
          hasta que se valide y cuenta como entrega no hecha a tiempo, aunque se valide después.
        </li>
      </ul>
    </section>
  );
}

function OnTime() {
  return (
    <section aria-labelledby="metodologia-a-tiempo" className="stack">
      <h2 id="metodologia-a-tiempo">Entregas a tiempo</h2>
      <p>
        Cada herramienta, cada componente y cada ciclo anual es una entrega con su propio plazo. Una
        entrega está <strong>a tiempo</strong> cuando se envió a revisión por primera vez a más
        tardar el día de su plazo y después se validó. Cuenta la fecha del primer envío: una entrega
        enviada a tiempo, devuelta con observaciones y validada después del plazo sigue a tiempo.
      </p>
      <p>
        <strong>% a tiempo</strong> = entregas a tiempo ÷ entregas exigibles. Son exigibles las
        entregas, de todos los ciclos, cuyo plazo ya pasó y las que ya se validaron; las que siguen
        en plazo sin validar todavía no cuentan, ni las que no tienen plazo (un proyecto sin fecha
        de término). Una entrega vencida sin validar es exigible y no está a tiempo.
      </p>
    </section>
  );
}

function Exceptions({ sheet }: { sheet: Sheet }) {
  return (
    <section aria-labelledby="metodologia-excepciones" className="stack">
      <h2 id="metodologia-excepciones">Prórrogas y exenciones</h2>
      {sheet.exceptionRules.map((entry) => (
        <p key={entry.title}>
          <strong>{entry.title}.</strong> {entry.rule}
        </p>
      ))}
    </section>
  );
}

function CutOff({ sheet }: { sheet: Sheet }) {
  return (
    <section aria-labelledby="metodologia-corte" className="stack">
      <h2 id="metodologia-corte">Corte de los datos</h2>
      <p>
        Todas las cifras públicas se calculan al día de hoy en la Ciudad de México
        (America/Mexico_City), con los datos registrados en la plataforma hasta ese momento, y se
        recalculan cada día y con cada cambio (una entrega, una revisión, un convenio, una nueva
        versión del modelo). Un plazo vence al terminar el día de su fecha: la entrega está vencida
        a partir del día siguiente.
      </p>
      <p>
        Cifras al <strong>{formatLocalDate(sheet.asOf)}</strong>; esta ficha se generó el{" "}
        {formatDateTime(sheet.generatedAt)}. Las páginas públicas pueden tardar hasta un minuto en
        mostrar un cambio.
      </p>
    </section>
  );
}

function Examples({ sheet }: { sheet: Sheet }) {
  const first = sheet.examples[0];
  if (!first) {
    return null;
  }
  return (
    <section aria-labelledby="metodologia-ejemplos" className="stack">
      <h2 id="metodologia-ejemplos">Ejemplos</h2>
      <p>
        Municipios ficticios que firmaron su convenio el {formatLocalDate(first.signedOn)}. Sus
        cifras las calcula el servidor con las mismas funciones y los mismos pesos con que calcula
        los puntajes publicados, así que un municipio real en la misma situación obtiene las mismas
        cifras.
      </p>
      {sheet.examples.map((example) => (
        <ExampleCard key={example.id} example={example} />
      ))}
    </section>
  );
}

function ExampleCard({ example }: { example: Example }) {
  const headingId = `ejemplo-${example.id}`;
  const { scores } = example;
  return (
    <article className="card stack methodology-example" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        {example.title}
      </h3>
      <p>{example.summary}</p>
      <Table
        caption={`Entregas del ejemplo al ${formatLocalDate(example.asOf)}`}
        className="table--compact"
        columns={["Entrega", "Se abre", "Plazo", "Estado", "Primer envío", "Madurez medida"]}
      >
        {example.facts.map((fact) => (
          <tr key={`${fact.tool}/${fact.part ?? ""}/${fact.cycle}`}>
            <th scope="row">
              <span className="code-chip">{fact.tool}</span>{" "}
              {fact.partName ? `${fact.part}) ${fact.partName}` : fact.toolName}
              {fact.cycle > 1 ? <span className="muted small"> · ciclo {fact.cycle}</span> : null}
            </th>
            <td className="nowrap">{formatLocalDate(fact.opensOn)}</td>
            <td className="nowrap">{formatLocalDate(fact.deadline) || "—"}</td>
            <td>{TOOL_STATE_LABELS[fact.state]}</td>
            <td className="nowrap">{formatLocalDate(fact.firstSubmittedOn) || "—"}</td>
            <td>
              {fact.maturity === null ? (
                "—"
              ) : (
                <>
                  {formatPercent(fact.maturity)}
                  {fact.measured ? (
                    <span className="methodology-weights__note muted small">{fact.measured}</span>
                  ) : null}
                </>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <p className="muted small">{example.others}</p>
      <dl className="methodology-result">
        <Detail term="Cifras al">{formatLocalDate(example.asOf)}</Detail>
        <Detail term="Herramientas">
          {/* A tool goes by its code here: the names would not fit on a line. */}
          <ScoreLine scores={scores.tools.map((tool) => ({ ...tool, name: tool.code }))} />
        </Detail>
        <Detail term="Dimensiones">
          <ScoreLine scores={scores.dimensions} />
        </Detail>
        <Detail term="Índice de implementación" className="methodology-result__index">
          {formatPercent(scores.index)}
        </Detail>
        <Detail term="Entregas a tiempo">
          {scores.onTime.rate === null
            ? "aún no vence ningún plazo"
            : `${formatPercent(scores.onTime.rate)} (${scores.onTime.onTime} de ${plural(scores.onTime.due, "entrega exigible", "entregas exigibles")})`}
        </Detail>
      </dl>
    </article>
  );
}

/** Scores on one line, «name: 45.0 %» each, separated by « · » and never broken inside one. */
function ScoreLine({
  scores,
}: {
  scores: readonly { code: string; name: string; score: number | null }[];
}) {
  return scores.map((entry, i) => (
    <Fragment key={entry.code}>
      {i > 0 ? " · " : ""}
      <span className="nowrap">
        {entry.name}: {formatPercent(entry.score)}
      </span>
    </Fragment>
  ));
}
