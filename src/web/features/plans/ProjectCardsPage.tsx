import { Link, useNavigate, useParams } from "react-router";
import type { ProjectCard } from "../../../contracts/project-cards.js";
import { PROJECT_CARD_STATUS_LABELS } from "../../../domain/project-cards.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import { api } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Detail } from "../../ui/Detail";
import { formatLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { QueryPending } from "../../ui/QueryResults";
import { Table } from "../../ui/Table";
import { numeric, TableHead } from "../../ui/TableHead";
import { useCurrentUser } from "../auth/session";
import { type CardValues, ProjectCardForm } from "./ProjectCardForm";
import {
  useCreateProjectCard,
  useProjectCard,
  useProjectCards,
  useUpdateProjectCard,
} from "./projectQueries";

const pesos = (amount: number) =>
  new Intl.NumberFormat("es-MX", { style: "currency", currency: "MXN" }).format(amount);

/** «/municipios/:cvegeo/proyectos»: the municipality's project cards and E4's deadline from them. */
export function ProjectCardsPage() {
  const { cvegeo = "" } = useParams();
  const user = useCurrentUser();
  const list = useProjectCards(cvegeo);
  const writer = user ? isMunicipalRole(user.role) : false;
  const name = list.data?.municipality.name ?? cvegeo;
  return (
    <div className="stack stack--large">
      <PageHeader
        title={`Fichas de proyecto: ${name}`}
        description={
          <p>
            Planes y proyectos de transparencia (E4): objetivos, resultados esperados, actividades,
            responsables y presupuesto de cada proyecto. La fecha de término más tardía de las
            fichas no canceladas es el plazo de la herramienta; cada ficha se imprime para su
            aprobación en cabildo, y la copia firmada se sube como evidencia de la herramienta.
          </p>
        }
        actions={
          writer && list.data?.tool ? (
            <Link to={`/municipios/${cvegeo}/proyectos/nueva`} className="button button--primary">
              Nueva ficha
            </Link>
          ) : null
        }
      />
      {list.isPending ? <Loading label="Cargando fichas…" /> : null}
      <ErrorAlert error={list.error} />
      {list.data && !list.data.tool ? (
        <Alert tone="info">
          <p>El municipio aún no tiene convenio: sus fichas se registran una vez firmado.</p>
        </Alert>
      ) : null}
      {list.data?.tool ? (
        <p>
          Herramienta{" "}
          <Link to={`/herramientas/${list.data.tool.id}`}>
            {list.data.tool.code} {list.data.tool.name}
          </Link>
          : {TOOL_STATE_LABELS[list.data.tool.state]} · plazo{" "}
          <strong>
            {list.data.tool.deadline
              ? formatLocalDate(list.data.tool.deadline)
              : "sin definir (sin fichas vigentes)"}
          </strong>
        </p>
      ) : null}
      {list.data && list.data.cards.length === 0 && list.data.tool ? (
        <p className="muted">Aún no hay fichas de proyecto.</p>
      ) : null}
      {list.data && list.data.cards.length > 0 ? <CardsTable cards={list.data.cards} /> : null}
    </div>
  );
}

function CardsTable({ cards }: { cards: ProjectCard[] }) {
  return (
    <Table
      caption="Fichas de proyecto"
      columns={[
        "Proyecto",
        "Periodo",
        "Estado",
        numeric("Avance"),
        numeric("Presupuesto"),
        { label: "Descarga", hidden: true },
      ]}
    >
      {cards.map((card) => (
        <tr key={card.id}>
          <th scope="row">
            <Link to={`/fichas-proyecto/${card.id}`}>{card.title}</Link>
          </th>
          <td>
            {formatLocalDate(card.startsOn)} – {formatLocalDate(card.endsOn)}
          </td>
          <td>{PROJECT_CARD_STATUS_LABELS[card.status]}</td>
          <td className="numeric">{card.progress} %</td>
          <td className="numeric">{pesos(card.budgetAmount)}</td>
          <td>
            <a href={api.projectCards.pdfUrl(card.id)} download>
              PDF<span className="visually-hidden"> de «{card.title}»</span>
            </a>
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** «/municipios/:cvegeo/proyectos/nueva»: a new card. */
export function NewProjectCardPage() {
  const { cvegeo = "" } = useParams();
  const navigate = useNavigate();
  const create = useCreateProjectCard(cvegeo);
  const save = (values: CardValues) =>
    create.mutate(values, { onSuccess: (card) => navigate(`/fichas-proyecto/${card.id}`) });
  return (
    <div className="stack stack--large">
      <PageHeader title="Nueva ficha de proyecto" />
      <ProjectCardForm
        card={null}
        busy={create.isPending}
        error={create.error}
        onSave={save}
        onCancel={() => navigate(`/municipios/${cvegeo}/proyectos`)}
      />
    </div>
  );
}

/** «/fichas-proyecto/:id»: one card; the municipality edits it, everyone who sees it prints it. */
export function ProjectCardPage() {
  const { id = "" } = useParams();
  const user = useCurrentUser();
  const card = useProjectCard(id);
  if (!card.isSuccess) {
    return <QueryPending query={card} loadingLabel="Cargando la ficha…" />;
  }
  return <CardView card={card.data} writer={user ? isMunicipalRole(user.role) : false} />;
}

function CardView({ card, writer }: { card: ProjectCard; writer: boolean }) {
  const update = useUpdateProjectCard(card.municipality.cvegeo, card.id);
  const save = (values: CardValues) =>
    update.mutate({ ...values, expectedRevision: card.revision });
  return (
    <div className="stack stack--large">
      <PageHeader
        title={card.title}
        description={
          <p>
            Ficha de proyecto de{" "}
            <Link to={`/municipios/${card.municipality.cvegeo}/proyectos`}>
              {card.municipality.name}
            </Link>{" "}
            · {PROJECT_CARD_STATUS_LABELS[card.status]} · avance {card.progress} % · del{" "}
            {formatLocalDate(card.startsOn)} al {formatLocalDate(card.endsOn)}
          </p>
        }
        actions={
          <a href={api.projectCards.pdfUrl(card.id)} className="button button--secondary" download>
            Descargar para cabildo (PDF)
          </a>
        }
      />
      <p>
        Imprima la ficha, obtenga su aprobación en cabildo y suba la copia firmada como evidencia en
        la <Link to={`/herramientas/${card.toolInstanceId}`}>herramienta E4</Link>.
      </p>
      {update.isSuccess ? (
        <p role="status" className="small">
          Se guardaron los cambios.
        </p>
      ) : null}
      {writer ? (
        <ProjectCardForm
          key={card.revision}
          card={card}
          busy={update.isPending}
          error={update.error}
          onSave={save}
          onCancel={() => update.reset()}
        />
      ) : (
        <ReadOnlyCard card={card} />
      )}
    </div>
  );
}

function ReadOnlyCard({ card }: { card: ProjectCard }) {
  return (
    <div className="card stack">
      <dl className="stack">
        <Detail term="Objetivos">{card.objectives}</Detail>
        <Detail term="Resultados esperados">{card.expectedResults}</Detail>
        <Detail term="Vinculación con el Plan de Desarrollo Municipal">
          {card.developmentPlanLink}
        </Detail>
        <Detail term="Presupuesto">
          {pesos(card.budgetAmount)} ({card.budgetSource})
        </Detail>
      </dl>
      <h2>Actividades principales</h2>
      <div className="table-wrap">
        <table className="table table--compact">
          <TableHead columns={["Actividad", "Responsable", "Inicio", "Término"]} />
          <tbody>
            {card.activities.map((activity, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: activities are named by position
              <tr key={index}>
                <td>{activity.description}</td>
                <td>{activity.responsible}</td>
                <td>{formatLocalDate(activity.startsOn)}</td>
                <td>{formatLocalDate(activity.endsOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
