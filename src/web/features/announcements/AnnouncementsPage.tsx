import { type FormEvent, useMemo, useState } from "react";
import { Link } from "react-router";
import type { Announcement } from "../../../contracts/announcements.js";
import {
  ANNOUNCEMENT_AUDIENCE_LABELS,
  ANNOUNCEMENT_AUDIENCES,
  type AnnouncementAudience,
  announcementProblems,
  audienceSummary,
} from "../../../domain/announcements.js";
import { canSendAnnouncements } from "../../../domain/policy.js";
import { ErrorAlert, FormError } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { SubmitRow } from "../../ui/FormActions";
import { formatDateTime, plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { TableHead } from "../../ui/TableHead";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useAgreements } from "../agreements/queries";
import { useCurrentUser } from "../auth/session";
import { MunicipalityChecklist } from "../support/MunicipalityChecklist";
import { useAnnouncements, useSendAnnouncement } from "./queries";

/**
 * Avisos. Staff write to the liaisons (all, a cohort or chosen municipalities) and see how many
 * have read each announcement; a liaison reads those sent to it, the unread ones marked.
 */
export function AnnouncementsPage() {
  const user = useCurrentUser();
  const staff = user ? canSendAnnouncements(user) : false;
  const list = useAnnouncements();
  return (
    <>
      <PageHeader
        title="Avisos"
        description={
          staff
            ? "Escriba a los enlaces municipales: a todos, a una cohorte o a los municipios que elija. Lo reciben en MRTM y por correo; aquí ve cuántos lo han leído."
            : "Los avisos que el órgano garante envió a su municipio. Los no leídos aparecen marcados."
        }
      />
      <div className="stack stack--large">
        {staff ? <SendForm /> : null}
        <QueryResults query={list} loadingLabel="Cargando los avisos…">
          {(items) =>
            items.length === 0 ? (
              <p className="empty">
                {staff ? "Aún no se ha enviado ningún aviso." : "No ha recibido avisos."}
              </p>
            ) : staff ? (
              <StaffTable items={items} />
            ) : (
              <ul className="stack" aria-label="Avisos recibidos">
                {items.map((item) => (
                  <li key={item.id} className="card" data-unread={item.readAt === null}>
                    <h2>
                      <Link to={`/avisos/${item.id}`}>{item.title}</Link>{" "}
                      {item.readAt === null ? <Badge tone="warning">Sin leer</Badge> : null}
                    </h2>
                    <p className="small">
                      {formatDateTime(item.sentAt)}
                      {item.sentBy ? ` · ${item.sentBy}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryResults>
      </div>
    </>
  );
}

function StaffTable({ items }: { items: Announcement[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Avisos enviados</caption>
      <TableHead columns={["Aviso", "Enviado", "Destinatarios", "Leído por"]} />
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <Link to={`/avisos/${item.id}`}>{item.title}</Link>
            </td>
            <td>
              {formatDateTime(item.sentAt)}
              {item.sentBy ? ` · ${item.sentBy}` : ""}
            </td>
            <td>{audienceSummary(item.audience, item.cohort, item.municipalities.length)}</td>
            <td>{`${item.read} de ${plural(item.recipients, "enlace", "enlaces")}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIELDS = ["title", "body", "cohort", "municipalities"] as const;

function SendForm() {
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [audience, setAudience] = useState<AnnouncementAudience>("all");
  const [cohort, setCohort] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [sentTo, setSentTo] = useState<number | null>(null);
  const agreements = useAgreements();
  const cohorts = useMemo(
    () =>
      [...new Set((agreements.data ?? []).map((a) => a.cohort))].sort((a, b) =>
        a.localeCompare(b, "es"),
      ),
    [agreements.data],
  );
  const send = useSendAnnouncement();
  const draft = { title, body, audience, cohort: cohort || null, municipalities: chosen };
  const { check, fieldError } = useFieldProblems(FIELDS, send.error, draft);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSentTo(null);
    if (check(announcementProblems(draft))) {
      send.mutate(draft, {
        onSuccess: (sent) => {
          setTitle("");
          setBody("");
          setChosen([]);
          setSentTo(sent.recipients);
        },
      });
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Nuevo aviso">
      <h2>Nuevo aviso</h2>
      <FormError error={send.error} fields={FIELDS} />
      {sentTo !== null ? (
        <p role="status" className="small">
          {`Aviso enviado a ${plural(sentTo, "enlace", "enlaces")}.`}
        </p>
      ) : null}
      <TextField
        label="Título"
        required
        value={title}
        onChange={setTitle}
        error={fieldError("title")}
        maxLength={150}
      />
      <TextAreaField
        label="Texto"
        required
        rows={6}
        value={body}
        onChange={setBody}
        error={fieldError("body")}
      />
      <SelectField
        label="Destinatarios"
        value={audience}
        onChange={(value) => setAudience(value as AnnouncementAudience)}
        options={labelledOptions(ANNOUNCEMENT_AUDIENCES, ANNOUNCEMENT_AUDIENCE_LABELS)}
      />
      <ErrorAlert error={agreements.error} />
      {audience === "cohort" ? (
        <SelectField
          label="Cohorte"
          required
          blank="Elija…"
          value={cohort}
          onChange={setCohort}
          options={cohorts.map((value) => ({ value, label: value }))}
          error={fieldError("cohort")}
        />
      ) : null}
      {audience === "municipalities" ? (
        <MunicipalityChecklist
          agreements={agreements.data ?? []}
          value={chosen}
          onChange={setChosen}
          error={fieldError("municipalities")}
        />
      ) : null}
      <SubmitRow busy={send.isPending} busyLabel="Enviando…">
        Enviar aviso
      </SubmitRow>
    </form>
  );
}
