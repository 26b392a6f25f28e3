import { describe, expect, it } from "vitest";
import { storedDoc, withSection } from "./draft";

describe("storedDoc", () => {
  it("keeps the allowed nodes and marks and drops everything else", () => {
    const doc = storedDoc({
      type: "doc",
      content: [
        {
          type: "heading",
          attrs: { level: 3, textAlign: "left" },
          content: [{ type: "text", text: "Canales" }],
        },
        {
          type: "orderedList",
          attrs: { start: 1, type: null },
          content: [
            {
              type: "listItem",
              content: [
                {
                  type: "paragraph",
                  content: [
                    {
                      type: "text",
                      text: "Presencial",
                      marks: [{ type: "bold" }, { type: "link" }],
                    },
                    { type: "text", text: "" },
                  ],
                },
              ],
            },
          ],
        },
        {
          type: "codeBlock",
          content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }],
        },
      ],
    });
    expect(doc).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Canales" }] },
        {
          type: "orderedList",
          content: [
            {
              type: "listItem",
              content: [
                {
                  type: "paragraph",
                  content: [{ type: "text", text: "Presencial", marks: [{ type: "bold" }] }],
                },
              ],
            },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "x" }] },
      ],
    });
  });

  it("gives a heading of another level level 2", () => {
    expect(storedDoc({ type: "doc", content: [{ type: "heading", attrs: { level: 1 } }] })).toEqual(
      {
        type: "doc",
        content: [{ type: "heading", attrs: { level: 2 } }],
      },
    );
  });
});

describe("withSection", () => {
  it("replaces one section and keeps the others", () => {
    const draft = { sections: { a: { kind: "list" as const, items: ["x"] } } };
    expect(withSection(draft, "b", { kind: "list", items: ["y"] }).sections).toEqual({
      a: { kind: "list", items: ["x"] },
      b: { kind: "list", items: ["y"] },
    });
  });
});
