import {
  MAX_CHECKLIST_ITEMS,
  MAX_TABLE_COLUMNS,
  SECTION_KIND_LABELS,
  SECTION_KINDS,
  type SectionKind,
} from "../../../../domain/document-templates.js";
import { Badge } from "../../../ui/Badge";
import { Button } from "../../../ui/Button";
import { plural } from "../../../ui/format";
import { labelledOptions, SelectField } from "../../../ui/SelectField";
import {
  canAddSection,
  canAddTo,
  changeSectionKind,
  type EditorSection,
  type EditorTemplate,
  fieldId,
  itemOf,
  type ListPlace,
  newSection,
  newTemplate,
  removeAt,
  replaceAt,
} from "./draft";
import { KeyInput, OrderButtons, propertyOf, TextInput, useIssue, useIssueCount } from "./fields";

interface TemplateEditorProps {
  /** Path of the template, e.g. `dimensions.0.tools.2.template`. */
  path: string;
  /** The deliverable's name for accessible names and a new template's title, e.g. «C2». */
  owner: string;
  /** The title a new template starts with (the deliverable's name). */
  defaultTitle: string;
  value: EditorTemplate | null | undefined;
  onChange: (template: EditorTemplate | null) => void;
}

/**
 * The guided document of a tool or a part: its title and ordered sections, each with its kind
 * (rich text, table with columns, list, checklist with points), guidance and whether it is
 * required. Checked live by the same rules as publishing (`templateProblems`).
 */
export function TemplateEditor({
  path,
  owner,
  defaultTitle,
  value: template,
  onChange,
}: TemplateEditorProps) {
  const issues = useIssueCount(path);
  const sectionsIssue = useIssue(`${path}.sections`);
  if (!template) {
    return (
      <div className="button-row">
        <Button
          size="small"
          onClick={() => onChange(newTemplate(defaultTitle))}
          aria-label={`Agregar documento guiado a ${owner}`}
        >
          + Agregar documento guiado
        </Button>
      </div>
    );
  }
  const { sections } = template;
  const setSections = (next: EditorSection[]) => onChange({ ...template, sections: next });
  return (
    <details className="editor-template" data-template-of={owner}>
      <summary className="editor-template__summary">
        Documento guiado de {owner}: {template.title || "sin título"} ·{" "}
        {plural(sections.length, "sección", "secciones")}
        {issues > 0 ? (
          <>
            {" "}
            <Badge tone="danger">{plural(issues, "problema", "problemas")}</Badge>
          </>
        ) : null}
      </summary>
      <div className="stack">
        <p className="field__hint">
          Los municipios redactan este documento sección por sección. Cambiar la clave de una
          sección la separa de lo que ya se escribió en ella con otra versión del modelo.
        </p>
        <TextInput
          path={`${path}.title`}
          label="Título del documento"
          value={template.title}
          onChange={(title) => onChange({ ...template, title })}
          required
        />
        <fieldset className="fieldset" id={fieldId(`${path}.sections`)} tabIndex={-1}>
          <legend>Secciones, en el orden del documento</legend>
          {sectionsIssue ? <p className="field__error">{sectionsIssue}</p> : null}
          <ol className="editor-list">
            {sections.map((section, index) => (
              <SectionEditor
                key={section.rowKey}
                path={`${path}.sections.${index}`}
                section={section}
                owner={owner}
                {...itemOf(sections, index, setSections)}
              />
            ))}
          </ol>
          <Button
            size="small"
            onClick={() => setSections([...sections, newSection(sections)])}
            disabled={!canAddSection(template)}
            aria-label={`Agregar sección al documento guiado de ${owner}`}
          >
            + Agregar sección
          </Button>
        </fieldset>
        <div className="button-row">
          <Button
            size="small"
            variant="danger"
            onClick={() => onChange(null)}
            aria-label={`Quitar el documento guiado de ${owner}`}
          >
            Quitar documento guiado
          </Button>
        </div>
      </div>
    </details>
  );
}

interface SectionEditorProps extends ListPlace {
  path: string;
  section: EditorSection;
  owner: string;
  onChange: (section: EditorSection) => void;
}

/** The texts a table (its columns) or a checklist (its points) is made of, and their limits. */
const LISTS = {
  table: {
    field: "columns",
    legend: "Columnas de la tabla",
    itemLabel: "Columna",
    maxLength: 100,
    limit: `Hasta ${MAX_TABLE_COLUMNS} columnas.`,
  },
  checklist: {
    field: "items",
    legend: "Puntos de verificación",
    itemLabel: "Punto",
    maxLength: 300,
    limit: `Hasta ${MAX_CHECKLIST_ITEMS} puntos.`,
  },
} as const;

function SectionEditor({ path, section, owner, onChange, ...place }: SectionEditorProps) {
  const name = `la sección ${place.index + 1} de ${owner}`;
  const list =
    section.kind === "table" || section.kind === "checklist" ? LISTS[section.kind] : null;
  const field = propertyOf(path, section, onChange);
  return (
    <li className="editor-list__item" data-section-key={section.key}>
      <div className="form-grid form-grid--code">
        <KeyInput {...field("key")} />
        <TextInput {...field("title")} label={`Sección ${place.index + 1}`} required />
      </div>
      <div className="form-grid">
        <SelectField
          label="Tipo"
          id={fieldId(`${path}.kind`)}
          value={section.kind}
          options={labelledOptions(SECTION_KINDS, SECTION_KIND_LABELS)}
          onChange={(kind) => onChange(changeSectionKind(section, kind as SectionKind))}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={section.required}
            onChange={(event) => onChange({ ...section, required: event.target.checked })}
          />{" "}
          Obligatoria (cuenta en el avance del documento)
        </label>
      </div>
      <TextInput
        {...field("guidance")}
        label="Orientación"
        hint="Lo que pide el modelo para esta sección, con un ejemplo. El municipio la lee al redactar."
        multiline
        maxLength={4000}
      />
      {list ? (
        <StringsEditor
          path={`${path}.${list.field}`}
          legend={list.legend}
          itemLabel={list.itemLabel}
          sectionName={name}
          values={section[list.field]}
          maxLength={list.maxLength}
          canAdd={canAddTo(section, list.field)}
          limit={list.limit}
          onChange={(values) => onChange({ ...section, [list.field]: values })}
        />
      ) : null}
      <div className="button-row button-row--tight">
        <OrderButtons {...place} owner={name} labels={{ remove: "Quitar sección" }} />
      </div>
    </li>
  );
}

/** A list of texts (a table's columns, a checklist's points): add, edit, remove. */
function StringsEditor({
  path,
  legend,
  itemLabel,
  sectionName,
  values,
  maxLength,
  canAdd,
  limit,
  onChange,
}: {
  path: string;
  legend: string;
  itemLabel: string;
  /** «la sección 2 de C2», for accessible names. */
  sectionName: string;
  values: string[];
  maxLength: number;
  canAdd: boolean;
  limit: string;
  onChange: (values: string[]) => void;
}) {
  const issue = useIssue(path);
  return (
    <fieldset className="fieldset" id={fieldId(path)} tabIndex={-1}>
      <legend>{legend}</legend>
      <p className="field__hint">{limit}</p>
      {issue ? <p className="field__error">{issue}</p> : null}
      <ol className="editor-list">
        {values.map((value, index) => (
          // Positions are the identity here: the texts are plain strings, edited in place.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} className="editor-list__item editor-list__item--row">
            <TextInput
              path={`${path}.${index}`}
              label={`${itemLabel} ${index + 1}`}
              maxLength={maxLength}
              value={value}
              onChange={(text) => onChange(replaceAt(values, index, text))}
              className="grow"
            />
            <Button
              size="small"
              variant="ghost"
              onClick={() => onChange(removeAt(values, index))}
              aria-label={`Quitar ${itemLabel.toLowerCase()} ${index + 1} de ${sectionName}`}
            >
              Quitar
            </Button>
          </li>
        ))}
      </ol>
      <Button
        size="small"
        onClick={() => onChange([...values, ""])}
        disabled={!canAdd}
        aria-label={`Agregar ${itemLabel.toLowerCase()} a ${sectionName}`}
      >
        + Agregar {itemLabel.toLowerCase()}
      </Button>
    </fieldset>
  );
}
