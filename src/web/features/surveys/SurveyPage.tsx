import { Link, useParams } from "react-router";
import type { InstanceSurvey, SurveyDetail } from "../../../contracts/surveys.js";
import { SURVEY_STATUS_LABELS } from "../../../domain/survey.js";
import { api } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { CopyButton } from "../../ui/CopyButton";
import { ConfirmDialog } from "../../ui/Dialog";
import { formatDateTime, formatNumber } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryPending } from "../../ui/QueryResults";
import { Table } from "../../ui/Table";
import { TableHead } from "../../ui/TableHead";
import { useConfirmedMutation } from "../../ui/useConfirmedMutation";
import { useCurrentUser } from "../auth/session";
import { surveyIndexText } from "./format";
import { OpenSurveyForm } from "./OpenSurveyForm";
import { useCloseSurvey, useInstanceSurvey, useSetCommentHidden } from "./queries";

/** The M1 survey of one cycle: open it, share it, follow its results, moderate, close it. */
export function SurveyPage() {
  const { id = "" } = useParams();
  const query = useInstanceSurvey(id);
  const user = useCurrentUser();
  const isLiaison = user?.role === "liaison";

  if (!query.isSuccess) {
    return <QueryPending query={query} loadingLabel="Cargando la encuesta…" />;
  }
  const data = query.data;
  const { survey } = data;
  return (
    <div className="stack stack--large">
      <PageHeader
        title="Encuesta de satisfacción usuaria (M1)"
        description={
          <p>
            {data.municipality.name}
            {survey ? ` · ciclo ${survey.cycle}` : ""} ·{" "}
            <Link to={`/herramientas/${id}`}>Volver a la herramienta</Link>
          </p>
        }
      />
      {survey ? (
        <>
          <SurveyStatus survey={survey} />
          <ShareSection instanceId={id} survey={survey} />
          <ResultsSection survey={survey} />
          <ComparisonSection comparison={data.comparison} />
          <CommentsSection instanceId={id} survey={survey} canModerate={isLiaison} />
          {isLiaison && survey.status === "open" ? (
            <CloseSection instanceId={id} responses={survey.results.responses} />
          ) : null}
        </>
      ) : data.openProblem ? (
        <Alert tone="info" title="No se puede abrir una encuesta">
          <p>{data.openProblem}</p>
        </Alert>
      ) : isLiaison ? (
        <OpenSurveyForm instanceId={id} data={data} />
      ) : (
        <p className="empty">
          Este ciclo aún no tiene encuesta. La abre la persona enlace del municipio.
        </p>
      )}
    </div>
  );
}

function SurveyStatus({ survey }: { survey: SurveyDetail }) {
  return (
    <p>
      <Badge tone={survey.status === "open" ? "success" : "neutral"}>
        {SURVEY_STATUS_LABELS[survey.status]}
      </Badge>{" "}
      Abierta el {formatDateTime(survey.openedAt)}
      {survey.closedAt ? ` · cerrada el ${formatDateTime(survey.closedAt)}` : ""}
    </p>
  );
}

function ShareSection({ instanceId, survey }: { instanceId: string; survey: SurveyDetail }) {
  return (
    <section className="card stack" aria-labelledby="compartir-titulo">
      <h2 id="compartir-titulo">Compartir la encuesta</h2>
      {survey.status === "closed" ? (
        <p className="small">La encuesta está cerrada: el enlace ya no recibe respuestas.</p>
      ) : null}
      <div className="survey-share">
        <img
          className="survey-share__qr"
          src={api.surveys.qrPngUrl(instanceId)}
          width={160}
          height={160}
          alt={`Código QR del enlace ${survey.url}`}
        />
        <div className="stack">
          <p>
            Enlace público: <a href={survey.url}>{survey.url}</a>{" "}
            <CopyButton text={survey.url} label="Copiar el enlace" />
          </p>
          <ul className="link-list">
            <li>
              <a href={api.surveys.qrPngUrl(instanceId)} download>
                Código QR (PNG)
              </a>
            </li>
            <li>
              <a href={api.surveys.qrSvgUrl(instanceId)} download>
                Código QR (SVG)
              </a>
            </li>
            <li>
              <a href={api.surveys.posterUrl(instanceId)} download>
                Cartel para imprimir (PDF)
              </a>
            </li>
          </ul>
        </div>
      </div>
    </section>
  );
}

function ResultsSection({ survey }: { survey: SurveyDetail }) {
  const { results } = survey;
  return (
    <section className="stack" aria-labelledby="resultados-titulo">
      <h2 id="resultados-titulo">Resultados{survey.status === "open" ? " en vivo" : ""}</h2>
      <dl className="survey-summary">
        <div>
          <dt>Respuestas</dt>
          <dd data-testid="survey-responses">{results.responses}</dd>
        </div>
        <div>
          <dt>Índice de satisfacción</dt>
          <dd data-testid="survey-index">{surveyIndexText(results.index)}</dd>
        </div>
      </dl>
      <p className="small">
        Cada respuesta se califica con el promedio de los reactivos de escala que contestó (1 = 0 y
        5 = 100); el índice es el promedio, con su intervalo de confianza del 95 %.
      </p>
      {results.responses === 0 ? (
        <p className="empty">Aún no hay respuestas.</p>
      ) : (
        <>
          <GroupTable
            title="Por medio utilizado"
            groups={results.byChannel}
            total={results.responses}
          />
          <GroupTable
            title="Por tipo de persona"
            groups={results.byRespondentType}
            total={results.responses}
          />
          <h3>Por pregunta</h3>
          {results.questions
            .filter((question) => question.kind !== "text")
            .map((question) => (
              <div className="table-wrap" key={question.code}>
                <table className="table table--compact">
                  <caption>
                    {question.text}{" "}
                    <span className="small">
                      ({question.answered} respuestas
                      {question.mean === null ? "" : `; promedio ${formatNumber(question.mean)}`})
                    </span>
                  </caption>
                  <TableHead columns={["Respuesta", "Personas", "Porcentaje"]} />
                  <tbody>
                    {question.distribution.map((option) => (
                      <tr key={option.value}>
                        <th scope="row">{option.label}</th>
                        <td>{option.count}</td>
                        <td>{percent(option.count, question.answered)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
        </>
      )}
    </section>
  );
}

/** The municipality's surveys cycle by cycle and the region's median of latest closed surveys. */
function ComparisonSection({ comparison }: { comparison: InstanceSurvey["comparison"] }) {
  const { regional } = comparison;
  return (
    <section className="stack" aria-labelledby="comparacion-titulo">
      <h2 id="comparacion-titulo">Comparación</h2>
      <Table
        caption="Encuestas del municipio por ciclo de M1"
        showCaption
        className="table--compact"
        columns={["Ciclo", "Estado", "Respuestas", "Índice de satisfacción"]}
      >
        {comparison.cycles.map((row) => (
          <tr key={row.cycle}>
            <th scope="row">{row.cycle}</th>
            <td>{SURVEY_STATUS_LABELS[row.status]}</td>
            <td>{formatNumber(row.responses)}</td>
            <td>{surveyIndexText(row.index)}</td>
          </tr>
        ))}
      </Table>
      <p data-testid="survey-regional-median">
        {regional.median === null
          ? "Aún no hay encuestas cerradas de otros municipios para comparar."
          : `Mediana regional: ${formatNumber(regional.median)} de 100 (última encuesta cerrada de ${regional.municipalities} ${regional.municipalities === 1 ? "municipio" : "municipios"}).`}
      </p>
    </section>
  );
}

const percent = (count: number, total: number) =>
  total === 0 ? "—" : `${formatNumber(Math.round((count / total) * 1000) / 10)} %`;

function GroupTable({
  title,
  groups,
  total,
}: {
  title: string;
  groups: SurveyDetail["results"]["byChannel"];
  total: number;
}) {
  return (
    <Table
      caption={title}
      showCaption
      className="table--compact"
      columns={["Grupo", "Respuestas", "Porcentaje", "Índice de satisfacción"]}
    >
      {groups
        .filter((group) => group.responses > 0)
        .map((group) => (
          <tr key={group.value}>
            <th scope="row">{group.label}</th>
            <td>{group.responses}</td>
            <td>{percent(group.responses, total)}</td>
            <td>{surveyIndexText(group.index)}</td>
          </tr>
        ))}
    </Table>
  );
}

function CommentsSection({
  instanceId,
  survey,
  canModerate,
}: {
  instanceId: string;
  survey: SurveyDetail;
  canModerate: boolean;
}) {
  const moderate = useSetCommentHidden(instanceId);
  return (
    <section className="stack" aria-labelledby="comentarios-titulo">
      <h2 id="comentarios-titulo">Comentarios</h2>
      <p className="small">
        Un comentario oculto no aparece en el reporte de resultados ni en las respuestas que se
        entregan como evidencia. Nunca se edita ni se borra, y el cambio queda en la bitácora.
      </p>
      <ErrorAlert error={moderate.error} />
      {survey.comments.length === 0 ? (
        <p className="empty">Sin comentarios.</p>
      ) : (
        <ul className="survey-comments">
          {survey.comments.map((comment) => (
            <li
              key={comment.id}
              className={`survey-comment${comment.hidden ? " survey-comment--hidden" : ""}`}
            >
              <p>{comment.text}</p>
              <p className="small">
                {formatDateTime(comment.submittedAt)}
                {comment.hidden ? " · Oculto de la vista pública" : ""}
              </p>
              {canModerate ? (
                <Button
                  size="small"
                  busy={moderate.isPending && moderate.variables?.id === comment.id}
                  onClick={() => moderate.mutate({ id: comment.id, hidden: !comment.hidden })}
                >
                  {comment.hidden ? "Mostrar de nuevo" : "Ocultar de la vista pública"}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CloseSection({ instanceId, responses }: { instanceId: string; responses: number }) {
  const confirm = useConfirmedMutation(useCloseSurvey(instanceId));
  return (
    <section className="card stack" aria-labelledby="cerrar-titulo">
      <h2 id="cerrar-titulo">Cerrar la encuesta</h2>
      <p>
        Al cerrarla deja de recibir respuestas y MRTM agrega a la herramienta M1 dos documentos en
        borrador: el reporte de resultados (PDF) y las respuestas anónimas (XLSX), listos para
        enviar a revisión.
      </p>
      <div>
        <Button variant="primary" onClick={confirm.ask} disabled={responses === 0}>
          Cerrar la encuesta y generar la evidencia
        </Button>
      </div>
      <ConfirmDialog
        {...confirm.dialog}
        title="Cerrar la encuesta"
        confirmLabel="Cerrar y generar la evidencia"
        busyLabel="Generando…"
      >
        <p>
          Se cerrará con {responses} respuestas. Después ya no se podrá reabrir para este ciclo.
        </p>
      </ConfirmDialog>
    </section>
  );
}
