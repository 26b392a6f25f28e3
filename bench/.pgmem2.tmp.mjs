import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create("/tmp/memdata/pgdata");
await db.query("select 1");
const bufs = [];
// find wasm memory through global heap: measure arraybuffers via v8
const v8 = await import("node:v8");
console.log(Object.keys(db), Object.getOwnPropertyNames(Object.getPrototypeOf(db)).slice(0, 40));
console.log("mem", process.memoryUsage());
