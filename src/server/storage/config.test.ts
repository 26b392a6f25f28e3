import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { createBlobStore, LocalDiskBlobStore, S3BlobStore } from "./index.js";

const S3 = {
  MRTM_S3_ENDPOINT: "http://127.0.0.1:9000",
  MRTM_S3_BUCKET: "mrtm-evidencias",
  MRTM_S3_ACCESS_KEY_ID: "id",
  MRTM_S3_SECRET_ACCESS_KEY: "secret",
};

describe("blob store configuration", () => {
  it("defaults to the local disk under the data folder", () => {
    const config = loadConfig({ MRTM_DATA_DIR: "/srv/mrtm" });
    expect(config.blobStore).toEqual({ kind: "disk", root: path.resolve("/srv/mrtm/blobs") });
    expect(createBlobStore(config)).toBeInstanceOf(LocalDiskBlobStore);
  });

  it("takes another folder from MRTM_BLOB_DIR", () => {
    const config = loadConfig({ MRTM_DATA_DIR: "/srv/mrtm", MRTM_BLOB_DIR: "/mnt/blobs" });
    expect(config.blobStore).toEqual({ kind: "disk", root: "/mnt/blobs" });
  });

  it("chooses S3 when a bucket is set, with path-style addressing and us-east-1 by default", () => {
    const config = loadConfig(S3);
    expect(config.blobStore).toEqual({
      kind: "s3",
      endpoint: "http://127.0.0.1:9000",
      bucket: "mrtm-evidencias",
      region: "us-east-1",
      accessKeyId: "id",
      secretAccessKey: "secret",
      forcePathStyle: true,
    });
    const store = createBlobStore(config);
    expect(store).toBeInstanceOf(S3BlobStore);
    expect(store.kind).toBe("s3");
    (store as S3BlobStore).destroy();
  });

  it("reads region and addressing style", () => {
    const config = loadConfig({
      ...S3,
      MRTM_S3_REGION: "eu-south-2",
      MRTM_S3_FORCE_PATH_STYLE: "false",
    });
    expect(config.blobStore).toMatchObject({ region: "eu-south-2", forcePathStyle: false });
  });

  it("leaves keys to the SDK's default chain when neither is given, and treats empty as unset", () => {
    const config = loadConfig({
      MRTM_S3_BUCKET: "mrtm-evidencias",
      MRTM_S3_ENDPOINT: "",
      MRTM_S3_ACCESS_KEY_ID: "",
      MRTM_S3_SECRET_ACCESS_KEY: "",
    });
    expect(config.blobStore).toMatchObject({
      kind: "s3",
      endpoint: undefined,
      accessKeyId: undefined,
      secretAccessKey: undefined,
    });
  });

  it.each([
    [{ ...S3, MRTM_S3_BUCKET: undefined }, /MRTM_S3_BUCKET: es obligatorio/],
    [{ ...S3, MRTM_S3_BUCKET: "Mi_Bucket" }, /no es un nombre de bucket válido/],
    [{ ...S3, MRTM_S3_ENDPOINT: "ftp://s3.example" }, /MRTM_S3_ENDPOINT debe ser una URL/],
    [{ ...S3, MRTM_S3_SECRET_ACCESS_KEY: undefined }, /indique las dos o ninguna/],
    [{ ...S3, MRTM_S3_FORCE_PATH_STYLE: "yes" }, /MRTM_S3_FORCE_PATH_STYLE/],
  ])("refuses a misconfiguration with a clear message (%#)", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
