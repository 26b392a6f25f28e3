/**
 * The rich-text editor of a section: TipTap with the nodes and marks the server accepts (bold,
 * italic, underline, subtitles, lists). Loaded only with the drafting page. TipTap's own CSS is
 * not injected (the CSP forbids inline styles); components.css styles `.rich-text`.
 */
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import type { RichNode } from "../../../domain/document-templates.js";
import { storedDoc } from "./draft";

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
    selector: ({ editor: current }) => ({
      bold: current?.isActive("bold") ?? false,
      italic: current?.isActive("italic") ?? false,
      underline: current?.isActive("underline") ?? false,
      h2: current?.isActive("heading", { level: 2 }) ?? false,
      h3: current?.isActive("heading", { level: 3 }) ?? false,
      bullets: current?.isActive("bulletList") ?? false,
      numbers: current?.isActive("orderedList") ?? false,
    }),
  });
  const tools: {
    key: keyof NonNullable<typeof active>;
    text: string;
    name: string;
    run: () => void;
  }[] = editor
    ? [
        {
          key: "bold",
          text: "N",
          name: "Negrita",
          run: () => editor.chain().focus().toggleBold().run(),
        },
        {
          key: "italic",
          text: "K",
          name: "Cursiva",
          run: () => editor.chain().focus().toggleItalic().run(),
        },
        {
          key: "underline",
          text: "S",
          name: "Subrayado",
          run: () => editor.chain().focus().toggleUnderline().run(),
        },
        {
          key: "h2",
          text: "T2",
          name: "Subtítulo",
          run: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
        },
        {
          key: "h3",
          text: "T3",
          name: "Subtítulo menor",
          run: () => editor.chain().focus().toggleHeading({ level: 3 }).run(),
        },
        {
          key: "bullets",
          text: "•",
          name: "Lista con viñetas",
          run: () => editor.chain().focus().toggleBulletList().run(),
        },
        {
          key: "numbers",
          text: "1.",
          name: "Lista numerada",
          run: () => editor.chain().focus().toggleOrderedList().run(),
        },
      ]
    : [];
  return (
    <div className="rich-text">
      {readOnly ? null : (
        <div className="rich-text__toolbar" role="toolbar" aria-label={`Formato de «${label}»`}>
          {tools.map((tool) => (
            <button
              key={tool.key}
              type="button"
              className="button button--ghost button--small"
              title={tool.name}
              aria-pressed={active?.[tool.key] ?? false}
              onClick={tool.run}
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
