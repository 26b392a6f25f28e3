/**
 * Libraries that only rare routes use (spreadsheets, PDFs, QR codes, zip and tar archives, SMTP, S3),
 * loaded on first use instead of at start: each costs megabytes of source, compiled code and
 * objects that an idle server would keep for nothing (issue 18, item 4; decision 0034). The
 * first request that needs one pays its loading once (tens of milliseconds); the module stays
 * loaded after. Synchronous `require` of their CommonJS builds, so the functions that use them
 * keep their signatures. Types come from `import type`, which emits nothing.
 */
import { createRequire } from "node:module";
import type * as S3 from "@aws-sdk/client-s3";
import type * as S3Storage from "@aws-sdk/lib-storage";
import type ExcelJS from "exceljs";
import type Nodemailer from "nodemailer";
import type PDFDocument from "pdfkit";
import type QRCode from "qrcode";
import type TarStream from "tar-stream";
import type Yazl from "yazl";

const require = createRequire(import.meta.url);

/** `require(id)` the first time it is called, the same module after. */
function onFirstUse<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(id) as T;
    return loaded;
  };
}

export const excelJs = onFirstUse<typeof ExcelJS>("exceljs");
export const pdfKit = onFirstUse<typeof PDFDocument>("pdfkit");
export const qrCode = onFirstUse<typeof QRCode>("qrcode");
export const nodemailer = onFirstUse<typeof Nodemailer>("nodemailer");
export const s3Client = onFirstUse<typeof S3>("@aws-sdk/client-s3");
export const yazl = onFirstUse<typeof Yazl>("yazl");
export const tarStream = onFirstUse<typeof TarStream>("tar-stream");
export const s3Storage = onFirstUse<typeof S3Storage>("@aws-sdk/lib-storage");
