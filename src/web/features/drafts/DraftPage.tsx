/**
 * Drafting a guided document (issue 15): the team writes each section of the template, the page
 * saves by itself a moment after the last change, and a save that meets someone else's newer one
 * shows both versions and lets the person keep theirs, take the other, or choose by section.
 * The editor library is loaded only with this page (a lazy route).
 */

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import type { DraftConflictDetails, DraftView } from "../../../contracts/document-drafts.js";
import {
  completeness,
  type DraftContent,
  differingSections,
  type MergeChoice,
  mergeBySection,
  SECTION_KIND_LABELS,
  type SectionContent,
  sectionContent,
  sectionText,
  type TemplateSection,
} from "../../../domain/document-templates.js";
import { api, isApiError } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";
import { ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { ProgressBar } from "../../ui/ProgressBar";
import { QueryPending } from "../../ui/QueryResults";
import { RadioChoice } from "../../ui/RadioChoice";
import { TextAreaField } from "../../ui/TextField";
import { AUTOSAVE_DELAY_MS, SAVE_STATUS_LABELS, type SaveStatus, withSection } from "./draft";
import { RichTextEditor } from "./RichTextEditor";
import { ChecklistField, ListField, TableField } from "./SectionFields";

const draftKey = (id: string) => ["tool-instance", id, "draft"] as const;

export function DraftPage() {
  const { id = "" } = useParams();
  const view = useFreshQuery(draftKey(id), () => api.drafts.get(id));
  if (!view.isSuccess) {
    return <QueryPending query={view} loadingLabel="Cargando el documento…" />;
  }
  return <DraftEditor key={view.data.instanceId} view={view.data} />;
}

function DraftEditor({ view }: { view: DraftView }) {
  const queryClient = useQueryClient();
  const [content, setContent] = useState<DraftContent>(view.content);
  const [revision, setRevision] = useState(view.revision);
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [conflict, setConflict] = useState<DraftConflictDetails | null>(null);
  // Bumped to remount the rich-text editors when the content is replaced from outside.
  const [generation, setGeneration] = useState(0);
  const saving = useRef(false);
  const { template } = view;
  const readOnly = !view.canEdit;

  const save = useMutation({
    mutationFn: (body: { content: DraftContent; expectedRevision: number }) =>
      api.drafts.save(view.instanceId, body),
  });

  const change = (key: string, section: SectionContent) => {
    setContent((current) => withSection(current, key, section));
    setStatus((current) => (current === "conflict" ? current : "dirty"));
  };

  // Autosave: a moment after the last change, unless a save or a conflict is pending.
  useEffect(() => {
    if (status !== "dirty" || readOnly) {
      return;
    }
    const timer = setTimeout(() => {
      if (saving.current) {
        return;
      }
      saving.current = true;
      setStatus("saving");
      save.mutate(
        { content, expectedRevision: revision },
        {
          onSuccess: (saved) => {
            setRevision(saved.revision);
            setStatus((current) => (current === "saving" ? "saved" : current));
            void queryClient.invalidateQueries({ queryKey: ["tool-instance", view.instanceId] });
          },
          onError: (error) => {
            if (isApiError(error) && error.code === "draft_conflict") {
              setConflict(error.current as DraftConflictDetails);
              setStatus("conflict");
            } else {
              setStatus("error");
            }
          },
          onSettled: () => {
            saving.current = false;
          },
        },
      );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [status, content, revision, readOnly, save, queryClient, view.instanceId]);

  const resolve = (merged: DraftContent, theirs: DraftConflictDetails) => {
    setContent(merged);
    setRevision(theirs.revision);
    setConflict(null);
    setGeneration((n) => n + 1);
    setStatus("dirty");
  };

  const meter = completeness(template, content);
  const tool = `${view.tool.code}${view.tool.part ? ` ${view.tool.part})` : ""} ${view.tool.name}`;
  return (
    <div className="stack stack--large">
      <header className="stack">
        <p>
          <Link to={`/herramientas/${view.instanceId}`}>← Volver a la herramienta</Link>
        </p>
        <h1>{template.title}</h1>
        <p>
          {view.municipality.name} · herramienta {tool}
        </p>
      </header>
      <section className="card stack" aria-labelledby="avance-titulo">
        <h2 id="avance-titulo">Avance del documento</h2>
        <ProgressBar value={meter.percent / 100} label="Secciones obligatorias escritas" />
        <p>
          {meter.filled} de {meter.required} secciones obligatorias escritas.
          {meter.missing.length > 0
            ? ` Faltan: ${meter.missing.map((section) => section.title).join(", ")}.`
            : " El documento está completo: descárguelo para su aprobación."}
        </p>
        <p role="status" data-testid="save-status">
          {readOnly
            ? "Solo lectura: el documento lo redacta el equipo del municipio."
            : SAVE_STATUS_LABELS[status]}
          {revision > 0 ? ` Versión ${revision}.` : ""}
        </p>
        <p className="button-row">
          <a className="button button--secondary" href={api.drafts.docxUrl(view.instanceId)}>
            Descargar en Word (DOCX)
          </a>
          <a className="button button--secondary" href={api.drafts.pdfUrl(view.instanceId)}>
            Descargar en PDF
          </a>
        </p>
        <p className="note">
          Las descargas llevan la última versión guardada. Una vez aprobado y firmado, suba el
          documento como evidencia en la página de la herramienta.
        </p>
      </section>
      {conflict ? (
        <ConflictPanel
          sections={template.sections}
          mine={content}
          theirs={conflict}
          onResolve={(merged) => resolve(merged, conflict)}
        />
      ) : null}
      {template.sections.map((section) => (
        <SectionCard
          key={`${section.key}-${generation}`}
          section={section}
          value={sectionContent(content, section)}
          readOnly={readOnly || conflict !== null}
          onChange={(value) => change(section.key, value)}
          comments={view.comments.filter((comment) => comment.sectionKey === section.key)}
          instanceId={view.instanceId}
          canComment={view.canEdit && revision > 0}
        />
      ))}
    </div>
  );
}

function SectionCard({
  section,
  value,
  readOnly,
  onChange,
  comments,
  instanceId,
  canComment,
}: {
  section: TemplateSection;
  value: SectionContent;
  readOnly: boolean;
  onChange: (value: SectionContent) => void;
  comments: DraftView["comments"];
  instanceId: string;
  canComment: boolean;
}) {
  const headingId = `seccion-${section.key}`;
  return (
    <section className="card stack" aria-labelledby={headingId} data-section={section.key}>
      <h2 id={headingId}>
        {section.title}{" "}
        <Badge tone={section.required ? "warning" : "neutral"}>
          {section.required ? "Obligatoria" : "Opcional"}
        </Badge>
      </h2>
      <p className="note">
        <span className="visually-hidden">{SECTION_KIND_LABELS[section.kind]}. </span>
        {section.guidance}
      </p>
      {value.kind === "rich_text" ? (
        <RichTextEditor
          label={section.title}
          value={value.doc}
          readOnly={readOnly}
          onChange={(doc) => onChange({ kind: "rich_text", doc })}
        />
      ) : value.kind === "table" ? (
        <TableField section={section} value={value} readOnly={readOnly} onChange={onChange} />
      ) : value.kind === "list" ? (
        <ListField section={section} value={value} readOnly={readOnly} onChange={onChange} />
      ) : (
        <ChecklistField section={section} value={value} readOnly={readOnly} onChange={onChange} />
      )}
      <Comments
        instanceId={instanceId}
        section={section}
        comments={comments}
        canComment={canComment}
      />
    </section>
  );
}

function Comments({
  instanceId,
  section,
  comments,
  canComment,
}: {
  instanceId: string;
  section: TemplateSection;
  comments: DraftView["comments"];
  canComment: boolean;
}) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const add = useMutation({
    mutationFn: () => api.drafts.comment(instanceId, { sectionKey: section.key, body }),
    onSuccess: (comment) => {
      setBody("");
      queryClient.setQueryData<DraftView>(draftKey(instanceId), (current) =>
        current ? { ...current, comments: [...current.comments, comment] } : current,
      );
    },
  });
  if (comments.length === 0 && !canComment) {
    return null;
  }
  return (
    <details className="stack" open={comments.length > 0}>
      <summary>Comentarios del equipo ({comments.length})</summary>
      <ul className="stack">
        {comments.map((comment) => (
          <li key={comment.id}>
            <strong>{comment.author}</strong>: {comment.body}
          </li>
        ))}
      </ul>
      {canComment ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <TextAreaField
            label={`Comentario sobre «${section.title}»`}
            value={body}
            onChange={setBody}
            rows={2}
            maxLength={2000}
          />
          <ErrorAlert error={add.error} />
          <div>
            <Button type="submit" size="small" busy={add.isPending} disabled={body.trim() === ""}>
              Comentar
            </Button>
          </div>
        </form>
      ) : null}
    </details>
  );
}

function ConflictPanel({
  sections,
  mine,
  theirs,
  onResolve,
}: {
  sections: TemplateSection[];
  mine: DraftContent;
  theirs: DraftConflictDetails;
  onResolve: (merged: DraftContent) => void;
}) {
  const template = { title: "", sections };
  const differing = differingSections(template, mine, theirs.content);
  const [choices, setChoices] = useState<Record<string, MergeChoice>>({});
  const all = (choice: MergeChoice) =>
    Object.fromEntries(differing.map((key) => [key, choice])) as Record<string, MergeChoice>;
  return (
    <section className="card stack" aria-labelledby="conflicto-titulo" data-testid="conflict">
      <h2 id="conflicto-titulo">Otra persona guardó el documento</h2>
      <p>
        {theirs.updatedBy ?? "Otra persona"} guardó la versión {theirs.revision} mientras usted
        editaba. Estas secciones difieren; elija cuál conservar en cada una.
      </p>
      {differing.map((key) => {
        const section = sections.find((candidate) => candidate.key === key);
        if (!section) {
          return null;
        }
        return (
          <fieldset key={key} className="stack">
            <legend>{section.title}</legend>
            <div className="conflict-grid">
              <div>
                <h3>Su versión</h3>
                <p className="conflict-text">
                  {sectionText(sectionContent(mine, section)) || "(vacía)"}
                </p>
              </div>
              <div>
                <h3>Versión guardada</h3>
                <p className="conflict-text">
                  {sectionText(sectionContent(theirs.content, section)) || "(vacía)"}
                </p>
              </div>
            </div>
            {(["mine", "theirs"] as const).map((choice) => (
              <RadioChoice
                key={choice}
                name={`conflicto-${key}`}
                checked={(choices[key] ?? "mine") === choice}
                onSelect={() => setChoices((current) => ({ ...current, [key]: choice }))}
              >
                {" "}
                {choice === "mine" ? "Conservar la mía" : "Tomar la guardada"}
              </RadioChoice>
            ))}
          </fieldset>
        );
      })}
      <div className="button-row">
        <Button
          variant="primary"
          onClick={() => onResolve(mergeBySection(template, mine, theirs.content, choices))}
        >
          Combinar por sección
        </Button>
        <Button
          onClick={() => onResolve(mergeBySection(template, mine, theirs.content, all("mine")))}
        >
          Conservar toda mi versión
        </Button>
        <Button
          onClick={() => onResolve(mergeBySection(template, mine, theirs.content, all("theirs")))}
        >
          Tomar toda la versión guardada
        </Button>
      </div>
    </section>
  );
}
