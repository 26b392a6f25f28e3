import fs from "node:fs";
const s = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const f = s.snapshot.meta.node_fields; const types = s.snapshot.meta.node_types[0];
const [ti, ni, si] = ["type", "name", "self_size"].map((x) => f.indexOf(x));
const sizes = [];
for (let i = 0; i < s.nodes.length; i += f.length) {
  if (s.strings[s.nodes[i + ni]].includes("JSArrayBufferData")) sizes.push(s.nodes[i + si]);
}
sizes.sort((a, b) => b - a);
console.log(sizes.slice(0, 12).map((x) => (x / 1e6).toFixed(2)).join(" "), "count", sizes.length, "sum rest", (sizes.slice(12).reduce((a, b) => a + b, 0) / 1e6).toFixed(1));
