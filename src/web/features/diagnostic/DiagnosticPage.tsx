import { useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/Dialog";
import { formatDateTime } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useCurrentUser } from "../auth/session";
import { type Answer, DiagnosticRow } from "./DiagnosticRow";
import { DiagnosticSummary } from "./DiagnosticSummary";
import { useDiagnostic, useSaveDiagnostic, useSubmitDiagnostic } from "./queries";

/** The initial diagnostic (the seed form), answered online by the municipality. */
export function DiagnosticPage() {
  const { cvegeo = "" } = useParams();
  const user = useCurrentUser();
  const diagnostic = useDiagnostic(cvegeo);
  const save = useSaveDiagnostic(cvegeo);
  const submit = useSubmitDiagnostic(cvegeo);
  const [changes, setChanges] = useState<Record<string, Answer>>({});
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);

  if (diagnostic.isPending) {
    return <Loading label="Cargando el diagnóstico…" />;
  }
  if (diagnostic.isError) {
    return <ErrorAlert error={diagnostic.error} />;
  }
  const data = diagnostic.data;
  const title = `Diagnóstico inicial: ${data.municipality.name}`;
  const canEdit =
    data.status === "draft" &&
    (user?.role === "liaison" || user?.role === "collaborator") &&
    user.municipality?.cvegeo === cvegeo;
  if (!canEdit) {
    return <DiagnosticSummary diagnostic={data} title={title} />;
  }

  const answerOf = (id: string, fallback: Answer): Answer =>
    id in changes ? (changes[id] ?? null) : fallback;
  const pendingChanges = Object.entries(changes).map(([instanceId, answer]) => ({
    instanceId,
    answer,
  }));
  const unanswered = data.items.filter((item) => answerOf(item.instanceId, item.answer) === null);
  const submitError = isApiError(submit.error) ? submit.error : null;

  async function saveChanges(): Promise<boolean> {
    if (pendingChanges.length === 0) {
      return true;
    }
    try {
      await save.mutateAsync({ answers: pendingChanges });
      setChanges({});
      return true;
    } catch {
      return false;
    }
  }

  async function saveDraft() {
    setSaved(false);
    submit.reset();
    if (await saveChanges()) {
      setSaved(true);
    }
  }

  async function send() {
    setSaved(false);
    if (await saveChanges()) {
      submit.mutate(undefined, { onSettled: () => setConfirming(false) });
    } else {
      setConfirming(false);
    }
  }

  function answer(id: string, value: Answer) {
    setSaved(false);
    setChanges((current) => ({ ...current, [id]: value }));
  }

  return (
    <div className="stack stack--large">
      <PageHeader
        title={title}
        description={
          <p>
            Para cada herramienta indique si el municipio <strong>ya cuenta con ella</strong> (y
            suba el documento comprobatorio) o si está <strong>pendiente de elaboración</strong>.
            Puede guardar un borrador y continuar después.
            {data.updatedAt ? ` Último guardado: ${formatDateTime(data.updatedAt)}.` : ""}
          </p>
        }
      />
      {submitError && submitError.details.length > 0 ? (
        <Alert tone="error" title="El diagnóstico no se pudo enviar">
          <p>Revise las herramientas marcadas: {submitError.details.length} por resolver.</p>
        </Alert>
      ) : (
        <ErrorAlert error={submit.error} />
      )}
      <ErrorAlert error={save.error} />
      <ol className="diagnostic-list">
        {data.items.map((item) => (
          <DiagnosticRow
            key={item.instanceId}
            item={item}
            answer={answerOf(item.instanceId, item.answer)}
            onAnswer={(value) => answer(item.instanceId, value)}
            problem={submitError?.fieldMessage(`answers.${item.instanceId}`)}
          />
        ))}
      </ol>
      <div className="diagnostic-actions">
        {unanswered.length > 0 ? (
          <Button
            onClick={() => {
              setSaved(false);
              setChanges((current) => {
                const next = { ...current };
                for (const item of unanswered) {
                  next[item.instanceId] = "pending";
                }
                return next;
              });
            }}
          >
            Marcar las {unanswered.length} sin respuesta como pendientes
          </Button>
        ) : null}
        <div className="button-row">
          <Button onClick={saveDraft} busy={save.isPending && !confirming} busyLabel="Guardando…">
            Guardar borrador
          </Button>
          {user?.role === "liaison" ? (
            <Button variant="primary" onClick={() => setConfirming(true)}>
              Enviar diagnóstico
            </Button>
          ) : (
            <p className="small muted">Solo el enlace municipal puede enviar el diagnóstico.</p>
          )}
        </div>
        {saved ? (
          <p role="status" className="small">
            Se guardó el borrador.
          </p>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Enviar el diagnóstico"
        confirmLabel="Enviar"
        busyLabel="Enviando…"
        busy={save.isPending || submit.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void send()}
      >
        <p>
          Una vez enviado, el diagnóstico ya no podrá modificarse. Las herramientas con documento
          comprobatorio pasarán a revisión.
        </p>
      </ConfirmDialog>
      <p>
        <Link to={`/municipios/${cvegeo}`}>Volver a Mi municipio</Link>
      </p>
    </div>
  );
}
