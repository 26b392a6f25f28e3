import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ReportCardBatch } from "../../../contracts/report-card-batches.js";
import { canIssueReportCardBatch } from "../../../domain/policy.js";
import { REPORT_CARD_BATCH_STATUS_LABELS } from "../../../domain/report-card-batch.js";
import { api } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { formatDateTime, formatNumber } from "../../ui/format";
import { ProgressBar } from "../../ui/ProgressBar";
import { SelectField } from "../../ui/SelectField";
import { useCurrentUser } from "../auth/session";

const ALL = "";

/**
 * «Emitir cédulas en lote» (staff): one report card per participating municipality, of all of them
 * or of one cohort; shows n of N while it runs, the skipped municipalities, and then the ZIP.
 */
export function ReportCardBatchSection({ cohorts }: { cohorts: readonly string[] }) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [cohort, setCohort] = useState(ALL);
  const [batchId, setBatchId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () =>
      api.reportCardBatches.start(
        cohort === ALL ? { scope: "all", cohort: null } : { scope: "cohort", cohort },
      ),
    onSuccess: (batch) => {
      setBatchId(batch.id);
      queryClient.setQueryData(["report-card-batches", batch.id], batch);
    },
  });
  const batch = useQuery({
    queryKey: ["report-card-batches", batchId],
    queryFn: () => api.reportCardBatches.get(batchId ?? ""),
    enabled: batchId !== null,
    refetchInterval: (query) => (query.state.data?.status === "running" ? 700 : false),
  });
  if (!user || !canIssueReportCardBatch(user)) {
    return null;
  }
  const current = batch.data;
  const running = current?.status === "running";
  return (
    <section className="card stack" aria-labelledby="report-card-batch-title">
      <h2 id="report-card-batch-title">Emitir cédulas en lote</h2>
      <p>
        Emite la cédula de avance de cada municipio participante, cada una con su propio código de
        verificación, y las reúne en un archivo ZIP con un índice.
      </p>
      <div className="button-row">
        <SelectField
          label="Municipios"
          value={cohort}
          onChange={setCohort}
          disabled={running || start.isPending}
          options={[
            { value: ALL, label: "Todos los municipios participantes" },
            ...cohorts.map((name) => ({ value: name, label: `Cohorte: ${name}` })),
          ]}
        />
        <Button
          variant="primary"
          busy={start.isPending || running}
          busyLabel="Emitiendo…"
          onClick={() => start.mutate()}
        >
          Emitir cédulas en lote
        </Button>
      </div>
      <FormError error={start.error} />
      {current ? <BatchProgress batch={current} /> : null}
    </section>
  );
}

function BatchProgress({ batch }: { batch: ReportCardBatch }) {
  const label = `${formatNumber(batch.done)} de ${formatNumber(batch.total)} cédulas`;
  return (
    <div className="stack" aria-live="polite">
      <p>
        <strong>{REPORT_CARD_BATCH_STATUS_LABELS[batch.status]}:</strong>{" "}
        <span data-testid="batch-progress">{label}</span>
        {batch.finishedAt ? ` · terminado el ${formatDateTime(batch.finishedAt)}` : null}
      </p>
      <ProgressBar value={batch.total === 0 ? 1 : batch.done / batch.total} label={label} />
      {batch.status === "failed" ? (
        <Alert tone="error" title="El lote se interrumpió">
          <p>Las cédulas ya emitidas quedan registradas; puede iniciar otro lote.</p>
        </Alert>
      ) : null}
      {batch.zipUrl ? (
        <p>
          <a className="button button--secondary" href={batch.zipUrl} download>
            Descargar las {formatNumber(batch.issued)} cédulas (ZIP)
          </a>
        </p>
      ) : null}
      {batch.skipped.length > 0 ? (
        <details>
          <summary>{formatNumber(batch.skipped.length)} municipios sin cédula en este lote</summary>
          <ul>
            {batch.skipped.map((s) => (
              <li key={s.cvegeo}>
                {s.name} ({s.cvegeo}): {s.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
