import { useEffect, useRef, useState } from "react";
import { useBlocker, useNavigate } from "react-router";
import type { ModelVersionDetail } from "../../../../contracts/model.js";
import type { ModelContent } from "../../../../domain/model.js";
import { isApiError } from "../../../api/client";
import { Alert, ErrorAlert } from "../../../ui/Alert";
import { Badge } from "../../../ui/Badge";
import { Button } from "../../../ui/Button";
import { ConfirmDialog } from "../../../ui/Dialog";
import { formatDate, plural } from "../../../ui/format";
import { DimensionEditor } from "./DimensionEditor";
import {
  describePath,
  fieldId,
  hasInvalidNumbers,
  itemOf,
  newDimension,
  removeAt,
  replaceAt,
} from "./draft";
import { IssuesContext, TextInput } from "./fields";
import { focusField } from "./focusField";
import { IssuesPanel } from "./IssuesPanel";
import { QuestionnaireEditor } from "./QuestionnaireEditor";
import { useDraftEditor } from "./useDraftEditor";

interface Removal {
  dimension: number;
  tool?: number;
  label: string;
}

interface DraftEditorProps {
  detail: ModelVersionDetail;
  /** Loads the draft again from the server, dropping local changes (after a conflict). */
  onReload: () => void;
}

/** Edits a draft of the model: save, publish or discard it. */
export function DraftEditor({ detail, onReload }: DraftEditorProps) {
  const draft = useDraftEditor(detail);
  const { editor, setEditor, content, dirty } = draft;
  const navigate = useNavigate();
  const leaving = useRef(false);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);

  // Leaving with unsaved changes asks first, inside the app and when closing the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) {
      return;
    }
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => {
    if (pendingFocus) {
      focusField(pendingFocus);
      setPendingFocus(null);
    }
  }, [pendingFocus]);

  const feedbackRef = useRef<HTMLDivElement>(null);

  function stop(reason: string, path: string | undefined) {
    setBlocked(reason);
    // Take the person to the first field to fix; the message stays at the top of the editor.
    if (path) {
      focusField(path);
    }
  }

  function save() {
    draft.save.reset();
    if (hasInvalidNumbers(content)) {
      stop(
        "Hay pesos o plazos vacíos o fuera de rango. Corríjalos (están marcados) y vuelva a guardar.",
        draft.firstIssue((path) => /weight|months/.test(path)),
      );
      return;
    }
    if (draft.hasDuplicates) {
      stop(
        "Hay claves repetidas (están marcadas). Un borrador puede estar incompleto, pero sus claves deben ser únicas para guardarse.",
        draft.firstIssue((_path, kind) => kind === "duplicate"),
      );
      return;
    }
    setBlocked(null);
    draft.save.mutate(undefined, {
      onError: () => feedbackRef.current?.scrollIntoView({ block: "center" }),
    });
  }

  function remove() {
    if (!removal) {
      return;
    }
    const { dimension, tool } = removal;
    const target = editor.dimensions[dimension];
    if (tool === undefined || !target) {
      setEditor({ ...editor, dimensions: removeAt(editor.dimensions, dimension) });
    } else {
      const next = { ...target, tools: removeAt(target.tools, tool) };
      setEditor({ ...editor, dimensions: replaceAt(editor.dimensions, dimension, next) });
    }
    setRemoval(null);
  }

  function addDimension() {
    setEditor({ ...editor, dimensions: [...editor.dimensions, newDimension(editor.dimensions)] });
    setPendingFocus(`dimensions.${editor.dimensions.length}.name`);
  }

  const blocksPublishing = draft.listedIssues.length > 0;
  const publishHint = dirty
    ? "Guarde los cambios antes de publicar."
    : blocksPublishing
      ? "Resuelva los problemas señalados antes de publicar."
      : null;
  const saveError = draft.save.error;
  const staleDraft =
    isApiError(saveError) &&
    (saveError.code === "conflict" || saveError.code === "model_not_draft");
  const publishError = draft.publish.error;
  const allToolCodes = editor.dimensions.flatMap((d) => d.tools.map((t) => t.code));
  const toolCount = allToolCodes.length;

  return (
    <IssuesContext.Provider value={draft.issueMap}>
      <div className="editor stack">
        <section className="editor-bar" aria-label="Acciones del borrador">
          <p className="editor-bar__status" role="status">
            {dirty ? (
              <Badge tone="warning">Cambios sin guardar</Badge>
            ) : (
              <Badge tone="success">Guardado</Badge>
            )}{" "}
            <span className="muted small">
              {plural(editor.dimensions.length, "dimensión", "dimensiones")} ·{" "}
              {plural(toolCount, "herramienta", "herramientas")}
            </span>
          </p>
          <div className="button-row">
            <Button
              variant="primary"
              onClick={save}
              busy={draft.save.isPending}
              busyLabel="Guardando…"
              disabled={!dirty}
            >
              Guardar
            </Button>
            <Button
              onClick={() => setConfirmPublish(true)}
              disabled={dirty || blocksPublishing}
              title={publishHint ?? undefined}
            >
              Publicar
            </Button>
            <Button variant="danger" onClick={() => setConfirmDiscard(true)}>
              Descartar borrador
            </Button>
          </div>
        </section>
        {publishHint ? <p className="note">{publishHint}</p> : null}
        <div ref={feedbackRef} className="stack">
          {staleDraft ? (
            <Alert
              tone="error"
              title={
                saveError.code === "conflict"
                  ? "No se guardaron sus cambios"
                  : "Este borrador ya no se puede editar"
              }
            >
              <p>{saveError.message}</p>
              <p>Al recargar verá la versión guardada; los cambios que hizo aquí se perderán.</p>
              <Button
                variant="primary"
                onClick={() => {
                  leaving.current = true;
                  onReload();
                }}
              >
                Recargar el borrador
              </Button>
            </Alert>
          ) : (
            <ModelError error={saveError} content={content} title="No se pudo guardar" />
          )}
          {blocked ? (
            <Alert tone="error" title="No se pudo guardar">
              <p>{blocked}</p>
            </Alert>
          ) : null}
          {draft.save.isSuccess && !dirty ? (
            <Alert tone="success">
              <p>Se guardó el borrador (revisión {draft.revision}).</p>
            </Alert>
          ) : null}
        </div>

        <IssuesPanel issues={draft.listedIssues} content={content} unsaved={dirty} />

        <div className="card stack">
          <TextInput
            path="label"
            label="Nombre de la versión"
            hint="P. ej. «Modelo 2026». Se muestra en la página pública del modelo."
            value={editor.label}
            onChange={(label) => setEditor({ ...editor, label })}
            required
          />
          <p className="muted small">
            Borrador creado el {formatDate(detail.createdAt)}
            {detail.createdBy ? ` por ${detail.createdBy}` : ""}
            {detail.basedOn ? `, a partir de la versión ${detail.basedOn}` : ""}.
          </p>
        </div>

        {editor.dimensions.map((dimension, index) => (
          <DimensionEditor
            key={dimension.key}
            path={`dimensions.${index}`}
            dimension={dimension}
            allToolCodes={allToolCodes}
            {...itemOf(editor.dimensions, index, (dimensions) =>
              setEditor({ ...editor, dimensions }),
            )}
            onRemove={() =>
              setRemoval({
                dimension: index,
                label: `la dimensión ${dimension.code} «${dimension.name}» y sus ${dimension.tools.length} herramientas`,
              })
            }
            onRemoveTool={(tool) =>
              setRemoval({
                dimension: index,
                tool,
                label: `la herramienta ${dimension.tools[tool]?.code ?? ""} «${dimension.tools[tool]?.name ?? ""}»`,
              })
            }
            onToolAdded={setPendingFocus}
          />
        ))}
        <div className="button-row" id={fieldId("dimensions")} tabIndex={-1}>
          <Button onClick={addDimension}>+ Agregar dimensión</Button>
        </div>

        <QuestionnaireEditor
          questionnaire={editor.surveyQuestionnaire}
          onChange={(surveyQuestionnaire) => setEditor({ ...editor, surveyQuestionnaire })}
          onItemAdded={setPendingFocus}
        />
      </div>

      <ConfirmDialog
        open={removal !== null}
        title="Quitar del borrador"
        confirmLabel="Quitar"
        variant="danger"
        onConfirm={remove}
        onCancel={() => setRemoval(null)}
      >
        <p>¿Quitar {removal?.label} del borrador? El cambio se aplica al guardar.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmPublish}
        title="Publicar el borrador"
        confirmLabel="Publicar"
        busyLabel="Publicando…"
        busy={draft.publish.isPending}
        onConfirm={() => draft.publish.mutate()}
        onCancel={() => {
          draft.publish.reset();
          setConfirmPublish(false);
        }}
      >
        <p>
          «{editor.label}» pasará a ser el modelo vigente y se mostrará al público. Una versión
          publicada ya no se puede modificar: los cambios posteriores requieren un borrador nuevo.
        </p>
        <ModelError error={publishError} content={content} />
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmDiscard}
        title="Descartar el borrador"
        confirmLabel="Descartar"
        busyLabel="Descartando…"
        variant="danger"
        mutation={draft.discard}
        onConfirm={() => {
          leaving.current = true;
          draft.discard.mutate(undefined, {
            onSuccess: () =>
              navigate("/modelo/editor", {
                replace: true,
                state: { notice: "Se descartó el borrador." },
              }),
            onError: () => {
              leaving.current = false;
            },
          });
        }}
        onCancel={() => setConfirmDiscard(false)}
      >
        <p>
          ¿Descartar este borrador y todos sus cambios? El modelo vigente no se modifica. Esta
          acción no se puede deshacer.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={blocker.state === "blocked"}
        title="Hay cambios sin guardar"
        confirmLabel="Salir sin guardar"
        variant="danger"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>Si sale ahora, perderá los cambios que no ha guardado en el borrador.</p>
      </ConfirmDialog>
    </IssuesContext.Provider>
  );
}

/** An API error; for model_invalid, each problem with the place it refers to, in words. */
function ModelError({
  error,
  content,
  title,
}: {
  error: unknown;
  content: ModelContent;
  title?: string;
}) {
  if (isApiError(error) && error.code === "model_invalid") {
    return (
      <Alert tone="error" title={title ?? error.message}>
        {title ? <p>{error.message}</p> : null}
        <ul>
          {error.details.map((detail) => (
            <li key={`${detail.field}:${detail.message}`}>
              {describePath(content, detail.field)}: {detail.message}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  return <ErrorAlert error={error} title={title} />;
}
