/**
 * Test set-up of the API project: a query sent to a pg client that is still running another one
 * (Promise.all inside a transaction) fails the run. pg 8 queues it and warns; pg 9 will refuse
 * it, so code that does it works today and breaks on the next major version.
 */
const MARK = Symbol.for("mrtm.strictWarnings");
const registry = globalThis as { [MARK]?: true };

if (!registry[MARK]) {
  registry[MARK] = true;
  process.on("warning", (warning) => {
    if (
      warning.name === "DeprecationWarning" &&
      /already executing a query/.test(warning.message)
    ) {
      throw new Error(
        `Concurrent queries on one connection (a transaction): run them one after the other. ${warning.stack ?? ""}`,
      );
    }
  });
}
