import { useState } from "react";
import type { OutboxMessage } from "../../../contracts/notifications.js";
import { MAIL_STATUS_LABELS, MAIL_STATUSES } from "../../../domain/notifications.js";
import { api, type OutboxFilters } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { type FilterSelect, FilterSelects } from "../../ui/FilterSelects";
import { formatDateTime, formatNumber } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { QueryResults } from "../../ui/QueryResults";
import { SearchField } from "../../ui/SearchField";
import { labelledOptions } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { useUrlFilters } from "../../ui/useUrlFilters";
import { readOutboxFilters } from "./filters";
import { MAIL_STATUS_TONES } from "./labels";
import { useOutbox, useOutboxMessage, useRetryMail } from "./queries";
import "./notifications.css";
import { Detail } from "../../ui/Detail";

const STATUS_OPTIONS = labelledOptions(MAIL_STATUSES, MAIL_STATUS_LABELS);
const OUTBOX_SELECTS: FilterSelect<OutboxFilters>[] = [
  { label: "Estado", param: "estado", field: "status", blank: "Todos", options: STATUS_OPTIONS },
];

/**
 * Every e-mail the platform wrote, for admins: sent, waiting, failed, or held because no SMTP
 * server is configured (then this page is where the messages are read).
 */
export function OutboxPage() {
  const { filters, text, setText, update, setPage } = useUrlFilters(readOutboxFilters);
  const outbox = useOutbox(filters);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Correo saliente"
        description={
          <p>
            Los correos que la plataforma envía a las personas usuarias, del más reciente al más
            antiguo, con su estado de entrega.
          </p>
        }
      />
      {outbox.data && !outbox.data.smtpConfigured ? (
        <Alert tone="warning" title="No hay un servidor de correo configurado">
          <p>
            Los correos no salen: quedan retenidos aquí, donde puede leerlos. Para enviarlos,
            configure <code>MRTM_SMTP_URL</code> y <code>MRTM_MAIL_FROM</code> y reinicie el
            servidor.
          </p>
        </Alert>
      ) : null}
      {outbox.data ? (
        <ul className="outbox-counts" aria-label="Correos por estado">
          {MAIL_STATUSES.map((status) => (
            <li key={status}>
              <Badge tone={MAIL_STATUS_TONES[status]}>
                {MAIL_STATUS_LABELS[status]}: {formatNumber(outbox.data.counts[status])}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <search className="toolbar filters" aria-label="Filtrar el correo saliente">
        <SearchField hint="En el destinatario o el asunto." value={text} onChange={setText} />
        <FilterSelects selects={OUTBOX_SELECTS} filters={filters} update={update} />
      </search>
      <QueryResults query={outbox} loadingLabel="Cargando el correo saliente…">
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <p className="empty">No hay correos con estos filtros.</p>
            ) : (
              <Table
                caption="Correo saliente"
                className="table--compact"
                columns={["Fecha", "Para", "Asunto", "Estado", "Intentos"]}
              >
                {data.items.map((mail) => (
                  <OutboxRow key={mail.id} mail={mail} onOpen={() => setOpenId(mail.id)} />
                ))}
              </Table>
            )}
            <Pagination results={data} noun="correos" onPage={setPage} />
          </>
        )}
      </QueryResults>
      <MessageDialog
        id={openId}
        smtpConfigured={outbox.data?.smtpConfigured ?? false}
        onClose={() => setOpenId(null)}
      />
    </>
  );
}

function OutboxRow({ mail, onOpen }: { mail: OutboxMessage; onOpen: () => void }) {
  return (
    <tr data-mail-to={mail.to}>
      <td className="nowrap">{formatDateTime(mail.createdAt)}</td>
      <td className="break">{mail.to}</td>
      <td>
        <button type="button" className="link-button" onClick={onOpen}>
          {mail.subject}
        </button>
      </td>
      <td>
        <Badge tone={MAIL_STATUS_TONES[mail.status]}>{MAIL_STATUS_LABELS[mail.status]}</Badge>
        {mail.status === "sent" && mail.sentAt ? (
          <span className="cell-subtitle">{formatDateTime(mail.sentAt)}</span>
        ) : null}
        {mail.status === "pending" && mail.attempts > 0 && mail.nextAttemptAt ? (
          <span className="cell-subtitle">Reintento: {formatDateTime(mail.nextAttemptAt)}</span>
        ) : null}
      </td>
      <td>{formatNumber(mail.attempts)}</td>
    </tr>
  );
}

function MessageDialog({
  id,
  smtpConfigured,
  onClose,
}: {
  id: string | null;
  smtpConfigured: boolean;
  onClose: () => void;
}) {
  const message = useOutboxMessage(id);
  const retry = useRetryMail();
  const mail = message.data;
  return (
    <Dialog open={id !== null} title={mail?.subject ?? "Correo"} onClose={onClose} wide>
      {message.isPending ? <Loading label="Cargando el correo…" /> : null}
      <ErrorAlert error={message.error} />
      {mail ? (
        <div className="stack">
          <dl className="meta-list">
            <Detail term="Para" className="break">
              {mail.to}
            </Detail>
            <Detail term="Escrito">{formatDateTime(mail.createdAt)}</Detail>
            <Detail term="Estado">
              <Badge tone={MAIL_STATUS_TONES[mail.status]}>{MAIL_STATUS_LABELS[mail.status]}</Badge>
              {mail.sentAt ? ` ${formatDateTime(mail.sentAt)}` : ""}
            </Detail>
            <Detail term="Intentos">{formatNumber(mail.attempts)}</Detail>
          </dl>
          {mail.lastError ? (
            <Alert tone="error" title="Último error del servidor de correo">
              <p className="break">{mail.lastError}</p>
            </Alert>
          ) : null}
          <h3 className="mail-part-title">Texto</h3>
          <pre className="mail-text">{mail.text}</pre>
          <details className="mail-html-details">
            <summary>Ver la versión HTML</summary>
            <iframe
              className="mail-html"
              title="Versión HTML del correo"
              src={api.mailOutbox.htmlUrl(mail.id)}
              sandbox=""
            />
          </details>
          {smtpConfigured && (mail.status === "failed" || mail.status === "held") ? (
            <>
              <ErrorAlert error={retry.error} />
              <div className="button-row">
                <Button
                  variant="primary"
                  busy={retry.isPending}
                  busyLabel="Enviando…"
                  onClick={() => retry.mutate(mail.id, { onSuccess: () => message.refetch() })}
                >
                  Volver a enviar
                </Button>
              </div>
            </>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
