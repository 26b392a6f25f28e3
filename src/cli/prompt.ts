import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

/**
 * Asks for a secret. On a terminal the typed characters are not echoed; from a pipe the first
 * line is read, so scripts can do `echo "$PASS" | npx mrtm user add …`.
 */
export function promptHidden(question: string, input: Readable, output: Writable): Promise<string> {
  const tty = input as NodeJS.ReadStream;
  if (!tty.isTTY) {
    return readFirstLine(input);
  }
  output.write(question);
  tty.setRawMode(true);
  tty.resume();
  return new Promise((resolve) => {
    let secret = "";
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          finish();
          resolve(secret);
          return;
        }
        if (char === "\u0003") {
          finish();
          process.exit(130);
        }
        secret = char === "\u007f" ? secret.slice(0, -1) : secret + char;
      }
    };
    const finish = () => {
      tty.off("data", onData);
      tty.setRawMode(false);
      tty.pause();
      output.write("\n");
    };
    tty.on("data", onData);
  });
}

function readFirstLine(input: Readable): Promise<string> {
  const rl = createInterface({ input, terminal: false });
  return new Promise((resolve) => {
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once("close", () => {
      if (!answered) {
        resolve("");
      }
    });
  });
}
