import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { batchedStdout } from "./log-stream.js";

function fakeOut() {
  const chunks: string[] = [];
  const out = {
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { out, chunks };
}

describe("the batched log destination", () => {
  it("writes the lines of one turn together, in order, at the end of that turn", async () => {
    const { out, chunks } = fakeOut();
    const log = batchedStdout(out);
    log.write("uno\n");
    log.write("dos\n");
    log.write("tres\n");
    expect(chunks).toEqual([]);
    await nextTurn();
    expect(chunks).toEqual(["uno\ndos\ntres\n"]);
    log.write("cuatro\n");
    await nextTurn();
    expect(chunks).toEqual(["uno\ndos\ntres\n", "cuatro\n"]);
  });
});
