import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import type { Database, DatabaseKind } from "./db/client.js";
import type { BlobStore } from "./storage/index.js";

/** What every feature needs from the outside world, decorated on the app as `deps`. */
export interface Deps {
  db: Database;
  databaseKind: DatabaseKind;
  config: Config;
  /** Where evidence bytes live (local disk or S3). */
  blobs: BlobStore;
  /** The current instant; tests pass a fixed clock to check deadlines and cycles. */
  now: () => Date;
  /**
   * Whether the demo progress of a first start is still being written (main.ts writes it after
   * the server listens); absent when there is none, as in tests.
   */
  preparingDemo?: () => boolean;
}

export interface RouteEntry {
  method: string;
  url: string;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
    routeList: RouteEntry[];
  }
}

export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
