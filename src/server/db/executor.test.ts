/**
 * A transaction is one connection: its queries run one after another. Two guards keep fan-out
 * (`Promise.all` over queries) out of transactions:
 * - types: `Database` (branded) is the database outside any transaction, so a function that fans
 *   out takes `Database`, and handing it a transaction or an `Executor` fails to compile (the
 *   `@ts-expect-error` lines below fail `tsc` the day that stops being true);
 * - a scan: no `Promise.all` in src/server passes a value typed `Executor` or `Transaction`, or a
 *   transaction callback's parameter, to the queries it runs at once.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { listVersions, loadContent } from "../modules/model/queries.js";
import { listUsers } from "../modules/users/queries.js";
import { getTestDatabase, resetDatabase } from "../test/db.js";
import type { Database, DatabaseHandle, Executor, Transaction } from "./client.js";

const SERVER = path.resolve(import.meta.dirname, "..");
const CLI = path.resolve(SERVER, "../cli");
const EXECUTOR_TYPE = /\b(Executor|Transaction)\b/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(full);
    }
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** A callback passed to `x.transaction(…)`: its first parameter is a transaction. */
function isTransactionCallback(node: ts.SignatureDeclaration): boolean {
  const call = node.parent;
  return (
    ts.isCallExpression(call) &&
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.name.text === "transaction" &&
    call.arguments[0] === node
  );
}

/** Names in scope at `node` that may hold a transaction: parameters typed so, or a callback's. */
function transactionNames(node: ts.Node, file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (!ts.isFunctionLike(scope)) {
      continue;
    }
    scope.parameters.forEach((parameter, index) => {
      if (!ts.isIdentifier(parameter.name)) {
        return;
      }
      const typed = parameter.type && EXECUTOR_TYPE.test(parameter.type.getText(file));
      if (typed || (index === 0 && isTransactionCallback(scope))) {
        names.add(parameter.name.text);
      }
    });
  }
  return names;
}

function mentions(node: ts.Node, names: Set<string>): boolean {
  if (ts.isIdentifier(node) && names.has(node.text)) {
    return true;
  }
  return ts.forEachChild(node, (child) => mentions(child, names) || undefined) ?? false;
}

/** Every `Promise.all` that may run a transaction's queries at once, as `file:line`. */
function fanOutsOnTransactions(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(file) === "Promise.all") {
      const names = transactionNames(node, file);
      if (node.arguments.some((argument) => mentions(argument, names))) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        found.push(`${path.relative(SERVER, fileName)}:${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// Compile-time only (never called): each line fails `tsc` if the types stop refusing it.
async function compileTimeChecks(db: Database, either: Executor): Promise<void> {
  // @ts-expect-error listVersions fans its queries out: it takes the database, not "either"
  await listVersions(either);
  await db.transaction(async (tx) => {
    // @ts-expect-error nor a transaction
    await listUsers(tx, { page: 1, pageSize: 10 });
    // loadContent runs its queries one after another: a transaction may call it
    await loadContent(tx, "", "");
  });
}

describe("the executor types", () => {
  it("tell the database from a transaction", () => {
    expectTypeOf<Transaction>().not.toExtend<Database>();
    expectTypeOf<Database>().toExtend<Executor>();
    expectTypeOf<Transaction>().toExtend<Executor>();
    expectTypeOf(listVersions).parameter(0).toEqualTypeOf<Database>();
    expectTypeOf(loadContent).parameter(0).toEqualTypeOf<Executor>();
    expectTypeOf(compileTimeChecks).toBeFunction();
  });
});

describe("fan-out on a transaction", () => {
  it("is found by the scan", () => {
    const source = `
      async function both(db: Executor) {
        return Promise.all([db.select().from(a), db.select().from(b)]);
      }
      async function inside(db: Database) {
        await db.transaction(async (tx) => Promise.all([tx.select().from(a), other(tx)]));
      }
      async function fine(db: Database, tx: Transaction) {
        await Promise.all([db.select().from(a), db.select().from(b)]);
        await Promise.all([endStream(json), endStream(csv)]);
      }`;
    expect(fanOutsOnTransactions(path.join(SERVER, "example.ts"), source)).toEqual([
      "example.ts:3",
      "example.ts:6",
    ]);
  });

  it("is nowhere in the server or the CLI", () => {
    const found = [...sourceFiles(SERVER), ...sourceFiles(CLI)].flatMap((file) =>
      fanOutsOnTransactions(file, fs.readFileSync(file, "utf8")),
    );
    expect(found).toEqual([]);
  });
});

describe("loadContent", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await getTestDatabase();
    await resetDatabase(handle);
  });

  it("reads the same model inside a transaction as outside", async () => {
    const [version] = await listVersions(handle.db);
    expect(version).toBeDefined();
    const id = version?.id ?? "";
    const outside = await loadContent(handle.db, id, "Modelo");
    const inside = await handle.db.transaction((tx) => loadContent(tx, id, "Modelo"));
    expect(inside).toEqual(outside);
    expect(inside.dimensions).toHaveLength(5);
    expect(inside.dimensions.flatMap((dimension) => dimension.tools)).toHaveLength(18);
  });
});
