/**
 * The drafting page's pure logic: the editor's JSON cut down to what the server stores (the
 * domain's allow-list), edits of one section, and what the page says of its saving.
 */
import {
  type DraftContent,
  HEADING_LEVELS,
  RICH_MARK_TYPES,
  RICH_NODE_TYPES,
  type RichMarkType,
  type RichNode,
  type RichNodeType,
  type SectionContent,
} from "../../../domain/document-templates.js";

interface EditorJson {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: EditorJson[];
  text?: string;
  marks?: { type?: string }[];
}

const isNodeType = (type: unknown): type is RichNodeType =>
  (RICH_NODE_TYPES as readonly unknown[]).includes(type);
const isMarkType = (type: unknown): type is RichMarkType =>
  (RICH_MARK_TYPES as readonly unknown[]).includes(type);

/**
 * The editor's document as the server accepts it: nodes and marks outside the allow-list are
 * dropped (their text kept where it is inline), only a heading keeps an attribute (its level),
 * empty text nodes disappear.
 */
export function storedDoc(json: EditorJson): RichNode {
  const clean = (node: EditorJson): RichNode[] => {
    const children = (node.content ?? []).flatMap(clean);
    if (!isNodeType(node.type)) {
      return children;
    }
    if (node.type === "text") {
      const marks = (node.marks ?? []).map((mark) => mark.type).filter(isMarkType);
      return node.text
        ? [
            {
              type: "text",
              text: node.text,
              ...(marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}),
            },
          ]
        : [];
    }
    const out: RichNode = { type: node.type };
    if (node.type === "heading") {
      const level = Number(node.attrs?.level);
      out.attrs = { level: (HEADING_LEVELS as readonly number[]).includes(level) ? level : 2 };
    }
    if (children.length > 0) {
      out.content = children;
    }
    return [out];
  };
  const [doc] = clean({ ...json, type: "doc" });
  return doc ?? { type: "doc" };
}

/** The draft with one section replaced. */
export function withSection(
  draft: DraftContent,
  key: string,
  content: SectionContent,
): DraftContent {
  return { sections: { ...draft.sections, [key]: content } };
}

/** Where the working copy stands against the server. */
export type SaveStatus = "saved" | "dirty" | "saving" | "conflict" | "error";

export const SAVE_STATUS_LABELS: Record<SaveStatus, string> = {
  saved: "Todos los cambios están guardados.",
  dirty: "Cambios sin guardar: se guardan solos en unos segundos.",
  saving: "Guardando…",
  conflict: "Otra persona guardó antes: elija qué conservar.",
  error: "No se pudo guardar. Se volverá a intentar con el próximo cambio.",
};

/** The milliseconds the page waits after the last keystroke before saving. */
export const AUTOSAVE_DELAY_MS = 1500;
