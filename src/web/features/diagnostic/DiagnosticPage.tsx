import { useState } from "react";
import { Link, useParams } from "react-router";
import { isAskedInDiagnostic } from "../../../domain/diagnostic.js";
import {
  canEditDiagnostic,
  canSubmitDiagnostic,
  isUndesignatedLiaison,
} from "../../../domain/policy.js";
import { isApiError } from "../../api/client";
import { Alert, ErrorAlert, errorMessage } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/Dialog";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryPending } from "../../ui/QueryResults";
import { NotDesignatedNote } from "../auth/NotDesignatedNote";
import { useCurrentUser } from "../auth/session";
import { DiagnosticRounds } from "./DiagnosticRounds";
import {
  type Answer,
  DiagnosticRow,
  type Item,
  type PickedDocument,
  type UploadStatus,
} from "./DiagnosticRow";
import { DiagnosticSummary } from "./DiagnosticSummary";
import {
  useDiagnostic,
  useSaveDiagnostic,
  useSubmitDiagnostic,
  useUploadDiagnosticDocument,
} from "./queries";

/** The initial diagnostic (the seed form), answered online by the municipality. */
export function DiagnosticPage() {
  const { cvegeo = "" } = useParams();
  const user = useCurrentUser();
  const diagnostic = useDiagnostic(cvegeo);
  const save = useSaveDiagnostic(cvegeo);
  const submit = useSubmitDiagnostic(cvegeo);
  const upload = useUploadDiagnosticDocument();
  const [changes, setChanges] = useState<Record<string, Answer>>({});
  const [picks, setPicks] = useState<Record<string, PickedDocument>>({});
  const [uploads, setUploads] = useState<Record<string, UploadStatus>>({});
  const [uploadingId, setUploadingId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  if (!diagnostic.isSuccess) {
    return <QueryPending query={diagnostic} loadingLabel="Cargando el diagnóstico…" />;
  }
  const data = diagnostic.data;
  const title = `Diagnóstico inicial: ${data.municipality.name}`;
  const canEdit = data.status === "draft" && user !== null && canEditDiagnostic(user, cvegeo);
  if (!canEdit) {
    return <DiagnosticSummary diagnostic={data} title={title} />;
  }

  const answerOf = (id: string, fallback: Answer): Answer =>
    id in changes ? (changes[id] ?? null) : fallback;
  const asked = data.items.filter(isAskedInDiagnostic);
  const askedIds = new Set(asked.map((item) => item.instanceId));
  // Only the rows still asked: one validated or sent to review since the page loaded is shown.
  const pendingChanges = Object.entries(changes)
    .filter(([instanceId]) => askedIds.has(instanceId))
    .map(([instanceId, answer]) => ({ instanceId, answer }));
  const unanswered = asked.filter((item) => answerOf(item.instanceId, item.answer) === null);
  const submitError = isApiError(submit.error) ? submit.error : null;
  const busy = save.isPending || submit.isPending || uploadingId !== null;

  function setStatus(id: string, status: UploadStatus | null) {
    setUploads((current) => {
      const next = { ...current };
      if (status) {
        next[id] = status;
      } else {
        delete next[id];
      }
      return next;
    });
  }

  function dropPick(id: string) {
    setPicks((current) => {
      const next = { ...current };
      delete next[id];
      return next;
    });
  }

  /**
   * Uploads one row's picked document. Resolves to the uploaded file's name, or null when the
   * server refused it (its message stays on the row, the file stays picked).
   */
  async function uploadOne(item: Item): Promise<string | null> {
    const file = picks[item.instanceId]?.file;
    if (!file) {
      return null;
    }
    setUploadingId(item.instanceId);
    setStatus(item.instanceId, { progress: 0, error: null, done: null });
    try {
      await upload.mutateAsync({
        instanceId: item.instanceId,
        file,
        effectiveOn: picks[item.instanceId]?.effectiveOn ?? "",
        onProgress: (progress) => setStatus(item.instanceId, { progress, error: null, done: null }),
      });
      dropPick(item.instanceId);
      setStatus(item.instanceId, { progress: null, error: null, done: `Se subió «${file.name}».` });
      return file.name;
    } catch (error) {
      setStatus(item.instanceId, { progress: null, error, done: null });
      return null;
    } finally {
      setUploadingId(null);
    }
  }

  /**
   * Uploads every picked document of a claimed row, one after another. Stops at the first
   * refusal: the save that asked for it is then refused too, saying which file failed.
   */
  async function uploadPicked(): Promise<{ ok: boolean; uploaded: string[] }> {
    const uploaded: string[] = [];
    for (const item of asked) {
      const file = picks[item.instanceId]?.file;
      if (!file || answerOf(item.instanceId, item.answer) !== "has") {
        continue;
      }
      const name = await uploadOne(item);
      if (name === null) {
        setRefusal(
          `No se guardó: no se pudo subir «${file.name}» (${item.tool}${item.part ? ` ${item.part}` : ""}). Revise el mensaje junto a esa herramienta y vuelva a intentarlo.`,
        );
        return { ok: false, uploaded };
      }
      uploaded.push(name);
    }
    return { ok: true, uploaded };
  }

  async function saveAnswers(): Promise<boolean> {
    if (pendingChanges.length === 0) {
      return true;
    }
    try {
      await save.mutateAsync({ answers: pendingChanges });
      setChanges({});
      return true;
    } catch (error) {
      // A row validated or sent to review meanwhile: forget its answer and show its state.
      if (isApiError(error) && error.code === "diagnostic_tool_not_open") {
        const refused = new Set(
          error.details.map((detail) => detail.field.replace("answers.", "")),
        );
        setChanges((current) =>
          Object.fromEntries(Object.entries(current).filter(([id]) => !refused.has(id))),
        );
        void diagnostic.refetch();
      }
      return false;
    }
  }

  /** Uploads what was picked, then saves the answers; false when anything was refused. */
  async function persist(): Promise<{ ok: boolean; uploaded: string[] }> {
    setSaved(null);
    setRefusal(null);
    submit.reset();
    save.reset();
    const result = await uploadPicked();
    if (!result.ok) {
      return result;
    }
    const answered = pendingChanges.length > 0;
    if (!(await saveAnswers())) {
      return { ok: false, uploaded: result.uploaded };
    }
    if (result.uploaded.length > 0 && !answered) {
      // The save returned nothing new: read the documents' count again.
      await diagnostic.refetch();
    }
    return result;
  }

  async function saveDraft() {
    const { ok, uploaded } = await persist();
    if (ok) {
      setSaved(
        uploaded.length === 0
          ? "Se guardó el borrador."
          : `Se guardó el borrador y se subió ${uploaded.map((name) => `«${name}»`).join(", ")}.`,
      );
    }
  }

  async function send() {
    const { ok } = await persist();
    if (ok) {
      submit.mutate(undefined, { onSettled: () => setConfirming(false) });
    } else {
      setConfirming(false);
    }
  }

  async function uploadNow(item: Item) {
    setSaved(null);
    if (!picks[item.instanceId]?.file) {
      setStatus(item.instanceId, {
        progress: null,
        error: null,
        done: null,
        problem: "Elija el archivo que desea subir.",
      });
      return;
    }
    if ((await uploadOne(item)) !== null) {
      await diagnostic.refetch();
    }
  }

  function answer(id: string, value: Answer) {
    setSaved(null);
    setChanges((current) => ({ ...current, [id]: value }));
    if (value !== "has") {
      // The document field goes away with the claim: so does what was picked in it.
      dropPick(id);
      setStatus(id, null);
    }
  }

  function pick(id: string, picked: PickedDocument) {
    setSaved(null);
    setPicks((current) => ({ ...current, [id]: picked }));
    setStatus(id, null);
  }

  const saveError = isApiError(save.error) ? save.error : null;
  return (
    <div className="stack stack--large">
      <PageHeader
        title={title}
        description={
          <p>
            Para cada herramienta indique si el municipio <strong>ya cuenta con ella</strong> (y
            suba el documento comprobatorio) o si está <strong>pendiente de elaboración</strong>.
            Las herramientas validadas o en revisión muestran su estado y no se preguntan. El
            convenio se firmó el {formatLocalDate(data.agreement.signedOn)}. Puede guardar un
            borrador y continuar después.
            {data.updatedAt ? ` Último guardado: ${formatDateTime(data.updatedAt)}.` : ""}
          </p>
        }
      />
      <DiagnosticRounds diagnostic={data} />
      {submitError && submitError.details.length > 0 ? (
        <Alert tone="error" title="El diagnóstico no se pudo enviar">
          <p>Revise las herramientas marcadas: {submitError.details.length} por resolver.</p>
        </Alert>
      ) : (
        <ErrorAlert error={submit.error} />
      )}
      {refusal ? (
        <Alert tone="error" title="No se guardó el borrador">
          <p>{refusal}</p>
        </Alert>
      ) : null}
      {saveError?.code === "diagnostic_tool_not_open" ? (
        <Alert tone="error" title="No se guardó el borrador">
          <p>{errorMessage(saveError)} Se muestra su estado actual; guarde de nuevo.</p>
        </Alert>
      ) : (
        <ErrorAlert error={save.error} />
      )}
      <ol className="diagnostic-list">
        {data.items.map((item) => (
          <DiagnosticRow
            key={item.instanceId}
            item={item}
            unitName={data.agreement.unitName}
            answer={answerOf(item.instanceId, item.answer)}
            onAnswer={(value) => answer(item.instanceId, value)}
            problem={submitError?.fieldMessage(`answers.${item.instanceId}`)}
            picked={picks[item.instanceId]}
            status={uploads[item.instanceId]}
            uploading={uploadingId === item.instanceId}
            onPick={(picked) => pick(item.instanceId, picked)}
            onUpload={() => void uploadNow(item)}
          />
        ))}
      </ol>
      <div className="diagnostic-actions">
        {unanswered.length > 0 ? (
          <Button
            onClick={() => {
              setSaved(null);
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
          <Button
            onClick={() => void saveDraft()}
            busy={busy && !confirming}
            busyLabel="Guardando…"
          >
            Guardar borrador
          </Button>
          {user && canSubmitDiagnostic(user, cvegeo) ? (
            <Button variant="primary" disabled={busy} onClick={() => setConfirming(true)}>
              Enviar diagnóstico
            </Button>
          ) : user && isUndesignatedLiaison(user) ? null : (
            <p className="small muted">Solo el enlace municipal puede enviar el diagnóstico.</p>
          )}
        </div>
        <NotDesignatedNote user={user} action="envía el diagnóstico" />
        {saved ? (
          <p role="status" className="small">
            {saved}
          </p>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Enviar el diagnóstico"
        confirmLabel="Enviar"
        busyLabel="Enviando…"
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void send()}
      >
        <p>
          Una vez enviado, el diagnóstico ya no podrá modificarse. Las herramientas con documento
          comprobatorio pasarán a revisión.
        </p>
        {Object.values(picks).some((picked) => picked.file) ? (
          <p>Antes se subirán los documentos que eligió y que aún no se han subido.</p>
        ) : null}
      </ConfirmDialog>
      <p>
        <Link to={`/municipios/${cvegeo}`}>Volver a Mi municipio</Link>
      </p>
    </div>
  );
}
