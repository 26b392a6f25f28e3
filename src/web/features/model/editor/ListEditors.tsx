import type { ReactNode } from "react";
import { Button } from "../../../ui/Button";
import {
  type EditorCriterion,
  type EditorLevel,
  type EditorPart,
  move,
  newCriterion,
  newLevel,
  newPart,
  removeAt,
  renumberLevels,
  replaceAt,
} from "./draft";
import { propertyOf, TextInput } from "./fields";
import { TemplateEditor } from "./TemplateEditor";

interface ListProps<T> {
  /** Path of the list, e.g. `dimensions.0.tools.2.parts`. */
  path: string;
  /** Name of the owner for accessible names, e.g. "E3". */
  owner: string;
  value: T[];
  onChange: (items: T[]) => void;
}

/** A fieldset with a numbered list of items (when there are any) and a button to add one. */
function ListFieldset({
  legend,
  intro,
  hasItems,
  addLabel,
  addText,
  onAdd,
  children,
}: {
  legend: string;
  intro?: ReactNode;
  hasItems: boolean;
  addLabel: string;
  addText: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {intro}
      {hasItems ? <ol className="editor-list">{children}</ol> : null}
      <Button size="small" onClick={onAdd} aria-label={addLabel}>
        {addText}
      </Button>
    </fieldset>
  );
}

/** The code and name of one item of a list, side by side. */
function CodeNameFields<T extends { code: string; name: string }>({
  path,
  item,
  codeMaxLength,
  nameLabel,
  onChange,
}: {
  /** Path of the item, e.g. `dimensions.0.tools.2.parts.1`. */
  path: string;
  item: T;
  codeMaxLength: number;
  nameLabel: string;
  onChange: (item: T) => void;
}) {
  const field = propertyOf(path, item, onChange);
  return (
    <div className="form-grid form-grid--code">
      <TextInput {...field("code")} label="Clave" maxLength={codeMaxLength} />
      <TextInput {...field("name")} label={nameLabel} />
    </div>
  );
}

/** A tool's parts (deliverables with their own evidence): code, name and description. */
export function PartsEditor({ path, owner, value: items, onChange }: ListProps<EditorPart>) {
  return (
    <ListFieldset
      legend="Componentes"
      intro={
        <p className="field__hint">
          Si la herramienta se entrega por partes (p. ej. a, b), cada componente tiene su propia
          evidencia, revisión y documento guiado. Sin componentes, la herramienta es un solo
          entregable.
        </p>
      }
      hasItems={items.length > 0}
      addLabel={`Agregar componente a ${owner}`}
      addText="+ Agregar componente"
      onAdd={() => onChange([...items, newPart(items)])}
    >
      {items.map((part, index) => (
        <li key={part.key} className="editor-list__item">
          <CodeNameFields
            path={`${path}.${index}`}
            item={part}
            codeMaxLength={10}
            nameLabel="Nombre"
            onChange={(next) => onChange(replaceAt(items, index, next))}
          />
          <TextInput
            path={`${path}.${index}.description`}
            label="Descripción"
            multiline
            maxLength={4000}
            value={part.description}
            onChange={(description) => onChange(replaceAt(items, index, { ...part, description }))}
          />
          <TemplateEditor
            path={`${path}.${index}.template`}
            owner={`${owner} ${part.code || index + 1})`}
            defaultTitle={part.name}
            value={part.template}
            onChange={(template) => onChange(replaceAt(items, index, { ...part, template }))}
          />
          <div className="button-row button-row--tight">
            <Button
              size="small"
              variant="ghost"
              onClick={() => onChange(removeAt(items, index))}
              aria-label={`Quitar el componente ${part.code || index + 1} de ${owner}`}
            >
              Quitar componente
            </Button>
          </div>
        </li>
      ))}
    </ListFieldset>
  );
}

/** The yes/no criteria a reviewer checks for the tool (e.g. documented, formalised…). */
export function CriteriaEditor({
  path,
  owner,
  value: items,
  onChange,
}: ListProps<EditorCriterion>) {
  return (
    <ListFieldset
      legend="Criterios de revisión"
      hasItems={items.length > 0}
      addLabel={`Agregar criterio a ${owner}`}
      addText="+ Agregar criterio"
      onAdd={() => onChange([...items, newCriterion()])}
    >
      {items.map((criterion, index) => (
        <li key={criterion.key} className="editor-list__item editor-list__item--row">
          <CodeNameFields
            path={`${path}.${index}`}
            item={criterion}
            codeMaxLength={40}
            nameLabel="Criterio"
            onChange={(next) => onChange(replaceAt(items, index, next))}
          />
          <Button
            size="small"
            variant="ghost"
            onClick={() => onChange(removeAt(items, index))}
            aria-label={`Quitar el criterio ${index + 1} de ${owner}`}
          >
            Quitar
          </Button>
        </li>
      ))}
    </ListFieldset>
  );
}

/** Maturity levels, numbered from 0 by their position. */
export function LevelsEditor({ path, owner, value: items, onChange }: ListProps<EditorLevel>) {
  const update = (next: EditorLevel[]) => onChange(renumberLevels(next));
  return (
    <ListFieldset
      legend="Niveles de madurez"
      hasItems={items.length > 0}
      addLabel={`Agregar nivel de madurez a ${owner}`}
      addText="+ Agregar nivel"
      onAdd={() => update([...items, newLevel(items)])}
    >
      {items.map((level, index) => (
        <li key={level.key} className="editor-list__item editor-list__item--row">
          <span className="level-list__number" aria-hidden="true">
            {level.level}
          </span>
          <TextInput
            path={`${path}.${index}.name`}
            label={`Nivel ${level.level}`}
            value={level.name}
            onChange={(name) => update(replaceAt(items, index, { ...level, name }))}
            className="grow"
          />
          <div className="button-row button-row--tight">
            <Button
              size="small"
              variant="ghost"
              disabled={index === 0}
              onClick={() => update(move(items, index, -1))}
              aria-label={`Subir el nivel ${level.level} de ${owner}`}
            >
              ↑
            </Button>
            <Button
              size="small"
              variant="ghost"
              disabled={index === items.length - 1}
              onClick={() => update(move(items, index, 1))}
              aria-label={`Bajar el nivel ${level.level} de ${owner}`}
            >
              ↓
            </Button>
            <Button
              size="small"
              variant="ghost"
              onClick={() => update(removeAt(items, index))}
              aria-label={`Quitar el nivel ${level.level} de ${owner}`}
            >
              Quitar
            </Button>
          </div>
        </li>
      ))}
    </ListFieldset>
  );
}
