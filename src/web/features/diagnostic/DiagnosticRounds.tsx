import { useState } from "react";
import type { Diagnostic } from "../../../contracts/participation.js";
import { canSubmitDiagnostic } from "../../../domain/policy.js";
import { Alert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/Dialog";
import { formatDateTime } from "../../ui/format";
import { QueryPending } from "../../ui/QueryResults";
import { Table } from "../../ui/Table";
import { useCurrentUser } from "../auth/session";
import { useDiagnosticComparison, useStartDiagnosticRound } from "./queries";

/**
 * The diagnostic across administrations: the liaison's «Responder de nuevo» once a new
 * administration is recorded, and, from the second round on, the previous round beside this one.
 */
export function DiagnosticRounds({ diagnostic }: { diagnostic: Diagnostic }) {
  const cvegeo = diagnostic.municipality.cvegeo;
  const user = useCurrentUser();
  const start = useStartDiagnosticRound(cvegeo);
  const [confirming, setConfirming] = useState(false);
  const liaison = user !== null && canSubmitDiagnostic(user, cvegeo);
  return (
    <>
      {diagnostic.newRound.allowed && liaison ? (
        <Alert tone="info" title="Nueva administración municipal">
          <p>
            Se registró una nueva administración: puede responder de nuevo el diagnóstico. Las
            respuestas anteriores se conservan y se mostrarán junto a las nuevas.
          </p>
          <Button variant="primary" onClick={() => setConfirming(true)}>
            Responder de nuevo el diagnóstico
          </Button>
        </Alert>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Responder de nuevo el diagnóstico"
        confirmLabel="Empezar"
        busyLabel="Empezando…"
        busy={start.isPending}
        error={start.error}
        onCancel={() => setConfirming(false)}
        onConfirm={() => start.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        <p>
          El diagnóstico enviado (ronda {diagnostic.round}) queda como consulta, sin cambios, y
          empieza una ronda nueva, sin respuestas.
        </p>
      </ConfirmDialog>
      {diagnostic.round > 1 ? <RoundComparison cvegeo={cvegeo} /> : null}
    </>
  );
}

/** The previous round beside the current one, tool by tool, with the changes marked. */
function RoundComparison({ cvegeo }: { cvegeo: string }) {
  const comparison = useDiagnosticComparison(cvegeo);
  if (!comparison.isSuccess) {
    return <QueryPending query={comparison} loadingLabel="Cargando la comparación…" />;
  }
  const data = comparison.data;
  const previousColumn = `Ronda ${data.previous.round} (enviada el ${formatDateTime(data.previous.submittedAt)})`;
  const currentColumn =
    data.current.status === "submitted"
      ? `Ronda ${data.current.round} (enviada el ${formatDateTime(data.current.submittedAt)})`
      : `Ronda ${data.current.round} (borrador)`;
  return (
    <section className="stack" aria-labelledby="diagnostic-comparison">
      <h2 id="diagnostic-comparison">Comparación con la ronda anterior</h2>
      <p>
        {data.changed === 0
          ? "Ninguna herramienta cambió de respuesta."
          : `${data.changed} herramienta${data.changed === 1 ? "" : "s"} cambi${data.changed === 1 ? "ó" : "aron"} de respuesta (marcadas «Cambió»).`}
        {data.previous.submittedBy
          ? ` La ronda anterior la envió ${data.previous.submittedBy}.`
          : ""}
      </p>
      <Table
        caption="Comparación del diagnóstico con la ronda anterior"
        className="table--stack"
        columns={["Herramienta", previousColumn, currentColumn, "Cambio"]}
      >
        {data.rows.map((row) => (
          <tr
            key={row.instanceId}
            className={row.changed ? "row--changed" : undefined}
            data-changed={row.changed ? "true" : "false"}
          >
            <th scope="row" data-label="Herramienta">
              {row.label}
            </th>
            <td data-label={previousColumn}>{row.previous}</td>
            <td data-label={currentColumn}>
              {row.changed ? <strong>{row.current}</strong> : row.current}
            </td>
            <td data-label="Cambio">{row.changed ? "Cambió" : "Igual"}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
