/**
 * The rich-text editor of a section: TipTap with the nodes and marks the server accepts (bold,
 * italic, underline, subtitles, lists). Loaded only with the drafting page. TipTap's own CSS is
 * not injected (the CSP forbids inline styles); components.css styles `.rich-text`.
 */
import { type ChainedCommands, EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import type { RichNode } from "../../../domain/document-templates.js";
import { storedDoc } from "./draft";

/** A toolbar button: its text, its name, the node or mark it shows and toggles. */
interface Tool {
  text: string;
  name: string;
  node: string;
  attributes?: { level: number };
  toggle: (chain: ChainedCommands) => ChainedCommands;
}

const TOOLS: Tool[] = [
  { text: "N", name: "Negrita", node: "bold", toggle: (c) => c.toggleBold() },
  { text: "K", name: "Cursiva", node: "italic", toggle: (c) => c.toggleItalic() },
  { text: "S", name: "Subrayado", node: "underline", toggle: (c) => c.toggleUnderline() },
  heading(2, "Subtítulo"),
  heading(3, "Subtítulo menor"),
  { text: "•", name: "Lista con viñetas", node: "bulletList", toggle: (c) => c.toggleBulletList() },
  { text: "1.", name: "Lista numerada", node: "orderedList", toggle: (c) => c.toggleOrderedList() },
];

function heading(level: 2 | 3, name: string): Tool {
  const attributes = { level };
  return {
    text: `T${level}`,
    name,
    node: "heading",
    attributes,
    toggle: (c) => c.toggleHeading(attributes),
  };
}

interface Props {
  /** The accessible name of the editing area (the section's title). */
  label: string;
  value: RichNode;
  readOnly: boolean;
  onChange: (doc: RichNode) => void;
}

export function RichTextEditor({ label, value, readOnly, onChange }: Props) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        link: false,
      }),
    ],
    content: value as object,
    editable: !readOnly,
    injectCSS: false,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        class: "rich-text__area",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
      },
    },
    onUpdate: ({ editor: current }) => onChange(storedDoc(current.getJSON())),
  });
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      TOOLS.map((tool) => current?.isActive(tool.node, tool.attributes) ?? false),
  });
  return (
    <div className="rich-text">
      {readOnly ? null : (
        <div className="rich-text__toolbar" role="toolbar" aria-label={`Formato de «${label}»`}>
          {(editor ? TOOLS : []).map((tool, index) => (
            <button
              key={tool.name}
              type="button"
              className="button button--ghost button--small"
              title={tool.name}
              aria-pressed={active?.[index] ?? false}
              onClick={() => editor && tool.toggle(editor.chain().focus()).run()}
            >
              <span aria-hidden="true">{tool.text}</span>
              <span className="visually-hidden">{tool.name}</span>
            </button>
          ))}
        </div>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
