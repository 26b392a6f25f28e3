import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import type { NotificationKind } from "../../../domain/notifications.js";
import { Alert, ErrorAlert, FormError } from "../../ui/Alert";
import { SubmitRow } from "../../ui/FormActions";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { usePreferences, useSavePreferences } from "./queries";
import "./notifications.css";

/** Each person chooses which notices also reach them by e-mail; in the app they see them all. */
export function PreferencesPage() {
  const preferences = usePreferences();
  const save = useSavePreferences();
  const [choices, setChoices] = useState<Partial<Record<NotificationKind, boolean>>>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (preferences.data) {
      setChoices(Object.fromEntries(preferences.data.items.map((item) => [item.kind, item.email])));
    }
  }, [preferences.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!preferences.data) {
      return;
    }
    setSaved(false);
    save.mutate(
      {
        preferences: preferences.data.items.map((item) => ({
          kind: item.kind,
          email: choices[item.kind] ?? item.email,
        })),
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <>
      <PageHeader
        title="Preferencias de notificación"
        description={
          <p>
            Todos los avisos aparecen en sus <Link to="/notificaciones">notificaciones</Link>. Elija
            cuáles quiere recibir también por correo electrónico.
          </p>
        }
      />
      {preferences.isPending ? <Loading label="Cargando sus preferencias…" /> : null}
      <ErrorAlert error={preferences.error} />
      {preferences.data ? (
        <form className="stack narrow" onSubmit={submit} aria-label="Avisos por correo">
          <fieldset className="fieldset">
            <legend>Recibir por correo en {preferences.data.email}</legend>
            <ul className="preference-list">
              {preferences.data.items.map((item) => (
                <li key={item.kind} className="preference">
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={choices[item.kind] ?? item.email}
                      aria-describedby={`preferencia-${item.kind}`}
                      onChange={(event) => {
                        setSaved(false);
                        setChoices((current) => ({
                          ...current,
                          [item.kind]: event.target.checked,
                        }));
                      }}
                    />
                    {item.label}
                  </label>
                  <p className="field__hint" id={`preferencia-${item.kind}`}>
                    {item.description}
                  </p>
                </li>
              ))}
            </ul>
          </fieldset>
          <FormError error={save.error} />
          {saved ? (
            <Alert tone="success">
              <p>Se guardaron sus preferencias.</p>
            </Alert>
          ) : null}
          <SubmitRow busy={save.isPending} busyLabel="Guardando…">
            Guardar preferencias
          </SubmitRow>
        </form>
      ) : null}
    </>
  );
}
