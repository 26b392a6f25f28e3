import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { CopyButton } from "../../ui/CopyButton";
import { formatDateTime, formatNumber, plural } from "../../ui/format";
import "./audit.css";

const KIND_LABELS = {
  deleted: "Evento eliminado",
  modified: "Evento modificado",
  inserted: "Evento insertado o renumerado",
  emptied: "Bitácora vaciada",
  truncated: "Faltan los eventos más recientes",
} as const;

/**
 * The hash chain's state: the server seals pending events and re-checks the whole chain each time
 * this is loaded (GET /api/audit/chain), so what is shown is the result of a fresh verification.
 */
export function ChainState() {
  const chain = useFreshQuery(["audit", "chain"], () => api.audit.chain());

  return (
    <section className="audit-chain" aria-labelledby="audit-chain-title">
      <div className="spread-row audit-chain__header">
        <h2 id="audit-chain-title">Integridad de la bitácora</h2>
        <Button
          size="small"
          onClick={() => chain.refetch()}
          busy={chain.isFetching}
          busyLabel="Verificando…"
        >
          Verificar de nuevo
        </Button>
      </div>
      <p className="audit-chain__help">
        Cada evento guarda el hash SHA-256 del anterior. Si alguien modifica, elimina o inserta un
        evento directamente en la base de datos, la cadena se rompe en ese punto. La misma
        verificación se ejecuta en el servidor con <code>npx mrtm audit verify</code>.
      </p>
      <ErrorAlert error={chain.error} title="No se pudo verificar la bitácora" />
      {chain.isPending ? <p role="status">Verificando la cadena…</p> : null}
      {chain.data?.ok ? (
        <Alert tone="success" title="Cadena íntegra">
          <p>
            {chain.data.checked === 0
              ? "Aún no hay eventos en la bitácora."
              : `${plural(chain.data.checked, "evento verificado", "eventos verificados")}; el más reciente es del ${formatDateTime(chain.data.lastEventAt)}.`}
          </p>
          {chain.data.lastHash ? (
            <p className="audit-chain__hash">
              <span>Último hash (posición {formatNumber(chain.data.lastSeq)}):</span>{" "}
              <code>{chain.data.lastHash}</code>{" "}
              <CopyButton text={chain.data.lastHash} label="Copiar hash" />
            </p>
          ) : null}
          {chain.data.anchor ? (
            <div className="audit-chain__hash">
              <p>
                <span>Ancla de hoy{chain.data.anchor.signed ? " (firmada)" : " (sin firma)"}:</span>{" "}
                <code>{chain.data.anchor.text}</code>{" "}
                <CopyButton text={chain.data.anchor.text} label="Copiar ancla" />
              </p>
              <p className="audit-chain__note">
                Guarde el ancla fuera de la plataforma (por ejemplo, en un correo o un acta). Con{" "}
                <code>npx mrtm audit verify --anchor '…'</code> se comprueba después que la cadena
                todavía llega a esa posición con ese hash: así se detecta que se eliminaron los
                eventos más recientes.
                {chain.data.anchor.signed
                  ? " La firma demuestra que el ancla la emitió este servidor con su clave."
                  : " Esta ancla no está firmada porque el servidor no tiene configurada MRTM_AUDIT_ANCHOR_KEY: quien pueda reescribir la base de datos también podría fabricar una."}
              </p>
            </div>
          ) : null}
        </Alert>
      ) : null}
      {chain.data && !chain.data.ok && chain.data.problem ? (
        <Alert tone="error" title={`Cadena rota: ${KIND_LABELS[chain.data.problem.kind]}`}>
          <p>{chain.data.problem.message}</p>
          <p>
            {`${plural(chain.data.checked, "evento anterior está íntegro", "eventos anteriores están íntegros")}. Investigue el acceso directo a la base de datos y restaure desde un respaldo.`}
          </p>
        </Alert>
      ) : null}
      {chain.data && chain.data.unsealed > 0 ? (
        <p className="audit-chain__note">
          {`${plural(chain.data.unsealed, "evento escrito durante la verificación se sellará", "eventos escritos durante la verificación se sellarán")} en la siguiente.`}
        </p>
      ) : null}
      {chain.data ? (
        <p className="audit-chain__note">Verificado el {formatDateTime(chain.data.verifiedAt)}.</p>
      ) : null}
    </section>
  );
}
