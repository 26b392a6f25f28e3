// What grew between two V8 heap snapshots (.heapsnapshot, as written by
// --heapsnapshot-signal): self sizes and object counts per kind of object, largest growth first.
// Strings and compiled code are each counted as one kind, whatever their content.
import fs from "node:fs";

/** Self size and count per "type:name" of a snapshot's nodes. */
export function heapByKind(file) {
  const snapshot = JSON.parse(fs.readFileSync(file, "utf8"));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const kinds = new Map();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    const name = /string|code|number|hidden/.test(type) ? "" : strings[nodes[i + nameAt]];
    const key = `${type}${name ? `: ${name.slice(0, 50)}` : ""}`;
    const kind = kinds.get(key) ?? { count: 0, size: 0 };
    kind.count += 1;
    kind.size += nodes[i + sizeAt];
    kinds.set(key, kind);
  }
  return kinds;
}

/** The kinds that grew most from `before` to `after`, and both totals in bytes. */
export function heapGrowth(before, after, top = 10) {
  const a = heapByKind(before);
  const b = heapByKind(after);
  const total = (kinds) => [...kinds.values()].reduce((sum, kind) => sum + kind.size, 0);
  const rows = [...b].map(([key, kind]) => {
    const was = a.get(key) ?? { count: 0, size: 0 };
    return { key, size: kind.size - was.size, count: kind.count - was.count };
  });
  rows.sort((x, y) => y.size - x.size);
  return { before: total(a), after: total(b), top: rows.slice(0, top) };
}
