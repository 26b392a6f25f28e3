import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The server's log destination: standard output, the lines of one turn of the event loop written
 * together. At `info` every request logs its line, and writing each line on its own was a system
 * call per request, ~8 % of a cached read's cost (issue 18). Lines keep their order and are
 * written at the end of the turn that logged them (`setImmediate`), or at exit, so nothing is
 * held back while the server is idle and nothing logged before an exit is lost.
 */
export function batchedStdout(out: NodeJS.WriteStream = process.stdout): {
  write(line: string): void;
} {
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

let shared: { write(line: string): void } | null = null;

/** The process's one batched standard output (every app of the process logs through it). */
export function stdoutLog(): { write(line: string): void } {
  shared ??= batchedStdout();
  return shared;
}

/**
 * The one access-log line of a request, written once it has answered (`onResponse`): Fastify's own
 * request logging is off, its two lines a request each serialised the whole request (issue 18).
 */
export function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  request.log.info(
    {
      method: request.method,
      url: request.url,
      ip: request.ip,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    },
    "request completed",
  );
}
