import os from "node:os";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Where log lines go: standard output (batched, below), or a test's collector. */
export interface LogDestination {
  write(line: string): void;
}

/**
 * The server's log destination: standard output, the lines of one turn of the event loop written
 * together. At `info` every request logs its line, and writing each line on its own was a system
 * call per request, ~8 % of a cached read's cost (issue 18). Lines keep their order and are
 * written at the end of the turn that logged them (`setImmediate`), or at exit, so nothing is
 * held back while the server is idle and nothing logged before an exit is lost.
 */
export function batchedStdout(out: NodeJS.WriteStream = process.stdout): LogDestination {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) {
      return;
    }
    const lines = pending.length === 1 ? (pending[0] as string) : pending.join("");
    pending = [];
    out.write(lines);
  };
  process.once("exit", flush);
  return {
    write(line: string) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

let shared: LogDestination | null = null;

/** The process's one batched standard output (every app of the process logs through it). */
export function stdoutLog(): LogDestination {
  shared ??= batchedStdout();
  return shared;
}

/** pino's levels at which `info` lines are written (its others: warn, error, fatal, silent). */
const LOGGED_WITH_INFO = new Set(["trace", "debug", "info"]);

/**
 * The access log: one line per request, written once it has answered (`onResponse`; Fastify's
 * own request logging is off, its two lines a request each serialised the whole request). The
 * line is the one pino writes for Fastify's request logger (`level`, `time`, pino's `pid` and
 * `hostname`, `reqId`, the fields, `msg`), so the log reads alike throughout, but put together
 * here: pino's generic serialiser walking the fields was ~5 % of a cached read's CPU (issue 18).
 * Null when the level leaves `info` out.
 */
export function accessLog(
  destination: LogDestination,
  level: string,
): ((request: FastifyRequest, reply: FastifyReply) => void) | null {
  if (!LOGGED_WITH_INFO.has(level)) {
    return null;
  }
  const base = `,"pid":${process.pid},"hostname":${JSON.stringify(os.hostname())}`;
  return (request, reply) => {
    const ip = request.ip === undefined ? "" : `,"ip":${JSON.stringify(request.ip)}`;
    destination.write(
      `{"level":30,"time":${Date.now()}${base},"reqId":${JSON.stringify(request.id)},"method":${JSON.stringify(request.method)},"url":${JSON.stringify(request.url)}${ip},"statusCode":${reply.statusCode},"responseTime":${reply.elapsedTime},"msg":"request completed"}\n`,
    );
  };
}
