import { useState } from "react";
import { Link, useParams } from "react-router";
import type { ModelVersionDetail } from "../../../../contracts/model.js";
import { Alert, ErrorAlert } from "../../../ui/Alert";
import { Badge } from "../../../ui/Badge";
import { formatDate, plural } from "../../../ui/format";
import { Loading } from "../../../ui/Loading";
import { PageHeader } from "../../../ui/PageHeader";
import { DimensionSection } from "../DimensionSection";
import { MigrationPanel } from "../MigrationPanel";
import { useModelVersion } from "../queries";
import { DraftEditor } from "./DraftEditor";

/** One version: the editor for a draft, a read-only view for a published version. */
export function VersionPage() {
  const { id = "" } = useParams();
  const version = useModelVersion(id);
  // Bumped to start the editor afresh from the server's copy (after a conflict).
  const [generation, setGeneration] = useState(0);
  const [wasDraft, setWasDraft] = useState(false);

  const back = (
    <p>
      <Link to="/modelo/editor">← Todas las versiones</Link>
    </p>
  );
  if (version.isPending) {
    return (
      <>
        {back}
        <PageHeader title="Versión del modelo" />
        <Loading />
      </>
    );
  }
  if (version.isError) {
    return (
      <>
        {back}
        <PageHeader title="Versión del modelo" />
        <ErrorAlert error={version.error} />
      </>
    );
  }
  const detail = version.data;
  if (detail.status === "draft") {
    if (!wasDraft) {
      setWasDraft(true);
    }
    return (
      <>
        {back}
        <PageHeader title={`Borrador: ${detail.label}`} />
        <DraftEditor
          key={`${detail.id}:${generation}`}
          detail={detail}
          onReload={async () => {
            await version.refetch();
            setGeneration((n) => n + 1);
          }}
        />
      </>
    );
  }
  return (
    <>
      {back}
      <PublishedVersion detail={detail} justPublished={wasDraft} />
    </>
  );
}

function PublishedVersion({
  detail,
  justPublished,
}: {
  detail: ModelVersionDetail;
  justPublished: boolean;
}) {
  const tools = detail.content.dimensions.reduce((sum, d) => sum + d.tools.length, 0);
  return (
    <>
      <PageHeader
        title={`${detail.label} (versión ${detail.version ?? ""})`}
        description={
          <p>
            <Badge tone="info">Publicada</Badge> el {formatDate(detail.publishedAt)}
            {detail.publishedBy ? ` por ${detail.publishedBy}` : ""} ·{" "}
            {plural(detail.content.dimensions.length, "dimensión", "dimensiones")} ·{" "}
            {plural(tools, "herramienta", "herramientas")}. Solo lectura.
          </p>
        }
      />
      {justPublished ? (
        <Alert tone="success" title={`Se publicó la versión ${detail.version ?? ""}`}>
          <p>
            Ya es el modelo vigente. <Link to="/modelo">Ver la página pública del modelo</Link>. Los
            municipios con convenio siguen su versión hasta que los mueva a esta, abajo.
          </p>
        </Alert>
      ) : null}
      {detail.version !== null ? (
        <MigrationPanel versionId={detail.id} version={detail.version} />
      ) : null}
      {detail.content.dimensions.map((dimension) => (
        <DimensionSection key={dimension.code} dimension={dimension} />
      ))}
    </>
  );
}
