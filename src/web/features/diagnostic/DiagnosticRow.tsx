import { useEffect, useRef } from "react";
import { Link } from "react-router";
import type { Diagnostic } from "../../../contracts/participation.js";
import {
  DIAGNOSTIC_ANSWER_LABELS,
  DIAGNOSTIC_ANSWERS,
  type DiagnosticAnswer,
  shownLabel,
  shownReason,
} from "../../../domain/diagnostic.js";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { plural } from "../../ui/format";
import { ProgressBar } from "../../ui/ProgressBar";
import { RadioChoice } from "../../ui/RadioChoice";
import { StateBadge } from "../tools/StateBadge";
import { DocumentFileField } from "../uploads/DocumentFileField";
import { useUploadHint } from "../uploads/limits";

export type Item = Diagnostic["items"][number];
export type Answer = DiagnosticAnswer | null;

/** A supporting document picked in a row and not uploaded yet. */
export interface PickedDocument {
  file: File | null;
  effectiveOn: string;
}

/** Where a row's upload stands: its progress, the server's refusal, or what was uploaded. */
export interface UploadStatus {
  progress: number | null;
  error: unknown;
  /** The file field's own problem ("choose a file"). */
  problem?: string | undefined;
  done: string | null;
}

export function itemLabel(item: Item): string {
  return item.partName ? `${item.toolName}: ${item.partName}` : item.toolName;
}

function codeOf(item: Item): string {
  return `${item.tool}${item.part ? ` ${item.part}` : ""}`;
}

interface DiagnosticRowProps {
  item: Item;
  answer: Answer;
  /** The unit that keeps the agreement on file, for E1's «Realizado (…)». */
  unitName: string;
  onAnswer: (answer: Answer) => void;
  problem: string | undefined;
  picked: PickedDocument | undefined;
  status: UploadStatus | undefined;
  uploading: boolean;
  onPick: (picked: PickedDocument) => void;
  onUpload: () => void;
}

/**
 * One deliverable of the seed form. Asked: "ya cuenta con ella" (with its document) or pending,
 * with its current state. Shown: E1 «Realizado (convenio en archivo de …)», or the state of a tool
 * already validated or in review, instead of the question (`shownLabel`, the server's same rule).
 */
export function DiagnosticRow(props: DiagnosticRowProps) {
  const { item, unitName } = props;
  const shown = shownLabel(item, unitName);
  if (shown !== null) {
    return (
      <li
        className="panel diagnostic-row diagnostic-row--shown"
        data-instance-tool={item.tool}
        data-instance-part={item.part ?? ""}
        data-shown={shownReason(item) ?? ""}
      >
        <div className="diagnostic-row__header">
          <p className="diagnostic-row__legend">
            <span className="mono">{item.tool}</span> {itemLabel(item)}
            <span className="cell-subtitle">Plazo: {item.periodLabel}</span>
          </p>
          <StateBadge state={item.state} />
        </div>
        <p className="diagnostic-row__shown">
          <strong>{shown}</strong>
          {shownReason(item) === "agreement" ? null : (
            <>
              {" "}
              <span className="muted">
                (no se pregunta en el diagnóstico:{" "}
                <Link to={`/herramientas/${item.instanceId}`}>ver la herramienta</Link>)
              </span>
            </>
          )}
        </p>
      </li>
    );
  }
  return <AskedRow {...props} />;
}

function AskedRow({
  item,
  answer,
  onAnswer,
  problem,
  picked,
  status,
  uploading,
  onPick,
  onUpload,
}: DiagnosticRowProps) {
  const name = `respuesta-${item.instanceId}`;
  const errorId = `${name}-error`;
  return (
    <li
      className={problem ? "panel diagnostic-row diagnostic-row--invalid" : "panel diagnostic-row"}
      data-instance-tool={item.tool}
      data-instance-part={item.part ?? ""}
    >
      <fieldset
        className="diagnostic-row__fieldset"
        aria-describedby={problem ? errorId : undefined}
      >
        <legend className="diagnostic-row__legend">
          <span className="mono">{item.tool}</span> {itemLabel(item)}
          <span className="cell-subtitle">
            Plazo: {item.periodLabel} · Estado actual: <StateBadge state={item.state} />
          </span>
        </legend>
        <div className="diagnostic-row__choices">
          {DIAGNOSTIC_ANSWERS.map((choice) => (
            <RadioChoice
              key={choice}
              name={name}
              checked={answer === choice}
              onSelect={() => onAnswer(choice)}
            >
              {DIAGNOSTIC_ANSWER_LABELS[choice]}
            </RadioChoice>
          ))}
        </div>
      </fieldset>
      {problem ? (
        <p className="field__error" id={errorId}>
          {problem}
        </p>
      ) : null}
      {answer === "has" ? (
        <SupportingDocument
          item={item}
          picked={picked}
          status={status}
          uploading={uploading}
          onPick={onPick}
          onUpload={onUpload}
        />
      ) : null}
    </li>
  );
}

/**
 * The supporting document of a claimed row. A picked file is uploaded with «Subir documento» or
 * when the diagnostic is saved or sent; never dropped silently.
 */
function SupportingDocument({
  item,
  picked,
  status,
  uploading,
  onPick,
  onUpload,
}: Pick<DiagnosticRowProps, "item" | "picked" | "status" | "uploading" | "onPick" | "onUpload">) {
  const uploadHint = useUploadHint();
  const inputRef = useRef<HTMLInputElement>(null);
  const file = picked?.file ?? null;
  // Once uploaded (or discarded), the pick is gone: so is the file in the input.
  useEffect(() => {
    if (!file && inputRef.current) {
      inputRef.current.value = "";
    }
  }, [file]);
  const effectiveOn = picked?.effectiveOn ?? "";
  return (
    <fieldset className="diagnostic-row__upload upload upload--compact">
      <legend className="visually-hidden">Documento comprobatorio de {codeOf(item)}</legend>
      <p className="small">
        Documento comprobatorio:{" "}
        <strong>
          {item.evidenceCount === 0
            ? "ninguno todavía"
            : plural(item.evidenceCount, "documento subido", "documentos subidos")}
        </strong>
      </p>
      <div className="upload__fields">
        <DocumentFileField
          label="Archivo"
          hint={uploadHint}
          error={status?.problem}
          inputRef={inputRef}
          disabled={uploading}
          onChange={(chosen) => onPick({ file: chosen, effectiveOn })}
        />
        <Field label="Fecha de vigencia" hint="Desde cuándo rige el documento; por omisión, hoy.">
          {(control) => (
            <input
              {...control}
              className="input"
              type="date"
              value={effectiveOn}
              disabled={uploading}
              onChange={(event) => onPick({ file, effectiveOn: event.target.value })}
            />
          )}
        </Field>
      </div>
      {file && status?.progress == null ? (
        <p className="small">
          Se subirá al guardar el borrador o al enviar: <strong>«{file.name}»</strong>.
        </p>
      ) : null}
      {status?.progress != null ? (
        <ProgressBar value={status.progress} label="Avance de la subida" />
      ) : null}
      <FormError error={status?.error} />
      {status?.done ? (
        <p className="upload__done" role="status">
          {status.done}
        </p>
      ) : null}
      <div className="button-row">
        <Button
          type="button"
          variant="secondary"
          busy={uploading}
          busyLabel="Subiendo…"
          onClick={onUpload}
        >
          Subir documento
        </Button>
      </div>
    </fieldset>
  );
}
