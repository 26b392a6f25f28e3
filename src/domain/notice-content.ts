/**
 * A notice's body as structured content for the app. Notices are written once, as the plain text
 * the e-mail sends (paragraphs, «- » items, «Etiqueta: valor» lines); the app shows the same text
 * as paragraphs, lists and label/value pairs, read from that text, so every notice ever stored
 * (older ones included) renders alike, without a second copy of its words.
 */
export type NoticeBlock =
  | { type: "text"; text: string }
  | { type: "list"; items: string[] }
  | { type: "facts"; facts: { label: string; value: string }[] };

const ITEM = /^\s*[-•]\s+(.+)$/;
// «Motivo: …», «Responsable: …», «Lugar: …»: a short label without a full stop, then a value.
const FACT = /^([A-ZÁÉÍÓÚÑ¿][^.:!?]{0,38}):\s+(\S.*)$/;

/** The blocks of a notice's plain-text body, in order; blank lines separate them. */
export function noticeBlocks(body: string): NoticeBlock[] {
  const blocks: NoticeBlock[] = [];
  let current: NoticeBlock | null = null;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") {
      current = null;
      continue;
    }
    const item = ITEM.exec(line);
    const fact = item ? null : FACT.exec(line);
    if (item?.[1]) {
      if (current?.type !== "list") {
        current = { type: "list", items: [] };
        blocks.push(current);
      }
      current.items.push(item[1]);
    } else if (fact?.[1] && fact[2]) {
      if (current?.type !== "facts") {
        current = { type: "facts", facts: [] };
        blocks.push(current);
      }
      current.facts.push({ label: fact[1], value: fact[2] });
    } else if (current?.type === "text") {
      current.text = `${current.text} ${line}`;
    } else {
      current = { type: "text", text: line };
      blocks.push(current);
    }
  }
  return blocks;
}

/** The page a notice links to, named as the button that opens it («Ver la herramienta»). */
export function noticeActionLabel(link: string): string {
  const path = link.split(/[?#]/)[0] ?? "";
  const rules: [RegExp, string][] = [
    [/^\/herramientas\/[^/]+\/encuesta$/, "Ver la encuesta"],
    [/^\/herramientas\//, "Ver la herramienta"],
    [/^\/municipios\/[^/]+\/diagnostico$/, "Ver el diagnóstico"],
    [/^\/municipios\/[^/]+\/plan-de-mejora$/, "Ver el plan de mejora"],
    [/^\/municipios\/[^/]+\/proyectos/, "Ver las fichas de proyecto"],
    [/^\/municipios\/[^/]+$/, "Ver las herramientas del municipio"],
    [/^\/brechas/, "Ver la matriz de brechas"],
    [/^\/acompanamiento\/acciones\//, "Ver la acción"],
    [/^\/acompanamiento\/acuerdos/, "Ver los acuerdos"],
    [/^\/revision/, "Ver la cola de revisión"],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1] ?? "Abrir";
}
