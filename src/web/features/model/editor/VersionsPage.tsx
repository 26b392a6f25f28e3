import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate } from "react-router";
import type { ModelVersionSummary } from "../../../../contracts/model.js";
import { api } from "../../../api/client";
import { ErrorAlert, Notice } from "../../../ui/Alert";
import { Badge } from "../../../ui/Badge";
import { Button } from "../../../ui/Button";
import { formatDate } from "../../../ui/format";
import { Loading } from "../../../ui/Loading";
import { PageHeader } from "../../../ui/PageHeader";
import { Table } from "../../../ui/Table";
import { ACTIONS_COLUMN } from "../../../ui/TableHead";
import { modelKeys, useModelVersions } from "../queries";

/** The model's versions: the published ones (read-only) and the open draft, if any. */
export function VersionsPage() {
  const versions = useModelVersions();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const create = useMutation({
    mutationFn: api.model.createDraft,
    onSuccess: (draft) => {
      queryClient.setQueryData(modelKeys.version(draft.id), draft);
      void queryClient.invalidateQueries({ queryKey: modelKeys.versions, exact: true });
      navigate(`/modelo/editor/${draft.id}`);
    },
  });

  const openDraft = versions.data?.find((version) => version.status === "draft");
  return (
    <>
      <PageHeader
        title="Editor del modelo"
        description={
          <p>
            Las versiones publicadas no se modifican. Para cambiar el modelo, cree un borrador a
            partir de la versión vigente, edítelo y publíquelo.
          </p>
        }
        actions={
          openDraft ? (
            <Link to={`/modelo/editor/${openDraft.id}`} className="button button--primary">
              Continuar el borrador
            </Link>
          ) : (
            <Button
              variant="primary"
              onClick={() => create.mutate()}
              busy={create.isPending}
              busyLabel="Creando…"
              disabled={!versions.isSuccess}
            >
              Crear borrador
            </Button>
          )
        }
      />
      <Notice tone="success" message={notice} />
      <ErrorAlert error={create.error} title="No se pudo crear el borrador" />
      {versions.isPending ? <Loading label="Cargando versiones…" /> : null}
      <ErrorAlert error={versions.error} />
      {versions.data ? <VersionTable versions={versions.data} /> : null}
    </>
  );
}

function VersionTable({ versions }: { versions: ModelVersionSummary[] }) {
  const current = Math.max(0, ...versions.map((v) => v.version ?? 0));
  return (
    <Table
      caption="Versiones del modelo"
      className="table--stack"
      columns={["Versión", "Estado", "Contenido", "Creada", "Publicada", ACTIONS_COLUMN]}
    >
      {versions.map((version) => (
        <tr key={version.id}>
          <th scope="row" data-label="Versión">
            <span className="cell-title">{version.label}</span>
            <span className="cell-subtitle">
              {version.version ? `Versión ${version.version}` : "Borrador"}
              {version.basedOn ? ` · basada en la versión ${version.basedOn}` : ""}
            </span>
          </th>
          <td data-label="Estado">
            {version.status === "draft" ? (
              <Badge tone="warning">Borrador</Badge>
            ) : version.version === current ? (
              <Badge tone="success">Vigente</Badge>
            ) : (
              <Badge>Publicada</Badge>
            )}
          </td>
          <td data-label="Contenido">
            {version.counts.dimensions} dimensiones · {version.counts.tools} herramientas ·{" "}
            {version.counts.deliverables} entregables
          </td>
          <td data-label="Creada">
            {formatDate(version.createdAt)}
            {version.createdBy ? <span className="cell-subtitle">{version.createdBy}</span> : null}
          </td>
          <td data-label="Publicada">
            {version.publishedAt ? formatDate(version.publishedAt) : "—"}
            {version.publishedBy ? (
              <span className="cell-subtitle">{version.publishedBy}</span>
            ) : null}
          </td>
          <td className="actions-cell">
            <Link
              to={`/modelo/editor/${version.id}`}
              className="button button--secondary button--small"
              aria-label={`${version.status === "draft" ? "Editar" : "Ver"} ${version.label}`}
            >
              {version.status === "draft" ? "Editar" : "Ver"}
            </Link>
          </td>
        </tr>
      ))}
    </Table>
  );
}
