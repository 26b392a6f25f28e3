import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CalendarFeedCreated } from "../../../contracts/calendar.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { api } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Button, MutationButton } from "../../ui/Button";
import { CopyableValue } from "../../ui/CopyButton";
import { formatDateTime } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useSession } from "../auth/session";
import "./calendar.css";

const FEED_KEY = ["calendar-feed"];

/**
 * The person's private calendar address: created or replaced here (shown once), revoked here, and
 * how to subscribe to it from the usual calendar applications.
 */
export function CalendarPage() {
  const user = useSession().data?.user;
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: FEED_KEY, queryFn: api.calendar.feed });
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const create = useMutation({
    mutationFn: api.calendar.createFeed,
    onSuccess: (result) => {
      setCreated(result);
      setConfirmRevoke(false);
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: api.calendar.revokeFeed,
    onSuccess: () => {
      setCreated(null);
      setConfirmRevoke(false);
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
  });
  const municipal = user ? isMunicipalRole(user.role) : false;

  return (
    <>
      <PageHeader
        title="Calendario"
        description={
          <p>
            Una dirección privada para ver en su aplicación de calendario (Google Calendar, Outlook,
            Calendario de Apple…){" "}
            {municipal
              ? `las reuniones, capacitaciones y asesorías a las que está invitado ${user?.municipality?.name ?? "su municipio"}`
              : "las reuniones, capacitaciones y asesorías que usted imparte o creó"}
            . Cuando una acción cambia de fecha o se cancela, su calendario se actualiza solo.
          </p>
        }
      />
      <div className="stack calendar-page">
        {feed.isPending ? <Loading label="Consultando su calendario…" /> : null}
        <ErrorAlert error={feed.error} />
        <ErrorAlert error={create.error ?? revoke.error} />

        {created ? (
          <Alert tone="success" title="Su dirección de calendario">
            <p>
              Cópiela ahora: por seguridad no se volverá a mostrar. Quien la tenga puede ver estas
              acciones, así que no la comparta.
            </p>
            <CopyableValue
              label="Dirección del calendario"
              value={created.url}
              copyLabel="Copiar la dirección"
              actions={
                <a className="button button--secondary button--small" href={created.webcalUrl}>
                  Abrir en mi aplicación de calendario
                </a>
              }
            />
          </Alert>
        ) : null}

        {feed.data ? (
          <section className="stack" aria-labelledby="calendario-estado">
            <h2 id="calendario-estado">Su dirección</h2>
            {feed.data.active ? (
              <>
                <p>
                  Tiene una dirección activa, creada el {formatDateTime(feed.data.createdAt)}.
                  {created
                    ? null
                    : " Si la perdió o cree que alguien más la tiene, genere una nueva: la anterior dejará de funcionar."}
                </p>
                <div className="button-row">
                  <MutationButton variant="secondary" mutation={create} busyLabel="Generando…">
                    Generar una nueva dirección
                  </MutationButton>
                  {confirmRevoke ? null : (
                    <Button variant="danger" onClick={() => setConfirmRevoke(true)}>
                      Revocar
                    </Button>
                  )}
                </div>
                {confirmRevoke ? (
                  <fieldset className="calendar-confirm">
                    <legend>¿Revocar la dirección?</legend>
                    <p>Las aplicaciones suscritas dejarán de recibir las acciones.</p>
                    <div className="button-row">
                      <MutationButton variant="danger" mutation={revoke} busyLabel="Revocando…">
                        Sí, revocar
                      </MutationButton>
                      <Button variant="secondary" onClick={() => setConfirmRevoke(false)}>
                        No, conservarla
                      </Button>
                    </div>
                  </fieldset>
                ) : null}
              </>
            ) : (
              <>
                <p>No tiene una dirección de calendario.</p>
                <div className="button-row">
                  <MutationButton variant="primary" mutation={create} busyLabel="Creando…">
                    Crear mi dirección de calendario
                  </MutationButton>
                </div>
              </>
            )}
          </section>
        ) : null}

        <section className="stack" aria-labelledby="calendario-instrucciones">
          <h2 id="calendario-instrucciones">Cómo suscribirse</h2>
          <ul className="calendar-howto">
            <li>
              <strong>Google Calendar</strong> (en una computadora): Otros calendarios → «+» → Desde
              URL → pegue la dirección → Agregar calendario.
            </li>
            <li>
              <strong>Outlook</strong>: Agregar calendario → Suscribirse desde la web → pegue la
              dirección → Importar.
            </li>
            <li>
              <strong>Calendario de Apple</strong>: Archivo → Nueva suscripción a calendario → pegue
              la dirección; en iPhone, Ajustes → Calendario → Cuentas → Añadir cuenta → Otra →
              Añadir calendario suscrito.
            </li>
          </ul>
          <p>
            Las aplicaciones consultan la dirección cada cierto tiempo (Google, a veces, cada varias
            horas): un cambio puede tardar en aparecer. Las horas son las de la Ciudad de México.
            Para una sola acción, también puede descargar su archivo .ics desde la página de la
            acción.
          </p>
        </section>
      </div>
    </>
  );
}
