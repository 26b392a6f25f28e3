import { expect } from "vitest";
import type { ModelContent, ModelVersionDetail } from "../../contracts/model.js";
import type { App } from "../types.js";
import type { Session } from "./factories.js";

/**
 * Publishes a new model version as `admin`, through the routes staff use: a draft of the version
 * in force, its content as `edit` returns it, saved and published. Expects each step to succeed.
 */
export async function publishModelVersion(
  app: App,
  admin: Pick<Session, "headers">,
  edit: (content: ModelContent) => ModelContent,
): Promise<ModelVersionDetail> {
  const versions = "/api/model/versions";
  const created = await app.inject({ method: "POST", url: versions, headers: admin.headers });
  expect(created.statusCode).toBe(201);
  const draft = created.json() as ModelVersionDetail;
  const saved = await app.inject({
    method: "PUT",
    url: `${versions}/${draft.id}`,
    headers: admin.headers,
    payload: { content: edit(draft.content), expectedRevision: draft.revision },
  });
  expect(saved.statusCode).toBe(200);
  const published = await app.inject({
    method: "POST",
    url: `${versions}/${draft.id}/publish`,
    headers: admin.headers,
  });
  expect(published.statusCode).toBe(200);
  return published.json() as ModelVersionDetail;
}
