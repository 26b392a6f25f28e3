import { heapByKind } from "./lib/heap-snapshot-diff.js";
const kinds = heapByKind(process.argv[2]);
let total = 0; for (const k of kinds.values()) total += k.size;
console.log("total MB", (total / 1e6).toFixed(1));
for (const [k, v] of [...kinds].sort((a, b) => b[1].size - a[1].size).slice(0, 25)) console.log((v.size / 1e6).toFixed(2).padStart(7), String(v.count).padStart(8), k);
