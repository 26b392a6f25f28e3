import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { Cvegeo, Email } from "../contracts/common.js";
import {
  anchorSignatureValid,
  describeBreak,
  type ParsedAnchor,
  parseAnchor,
  signAnchor,
} from "../domain/audit-chain.js";
import { localDateOf } from "../domain/dates.js";
import { ROLE_LABELS, ROLES, type Role } from "../domain/roles.js";
import { exportInstance } from "../server/archive/export.js";
import { importInstance } from "../server/archive/import.js";
import { loadConfig } from "../server/config.js";
import type { Database } from "../server/db/client.js";
import { users } from "../server/db/schema/index.js";
import { hmacSha256, SYSTEM_ACTOR, verifyAuditChain } from "../server/lib/audit.js";
import { listUsers } from "../server/modules/users/queries.js";
import { createUser, resetPassword, updateUser } from "../server/modules/users/service.js";
import type { BlobStore } from "../server/storage/index.js";
import { importXlsxCommand } from "./import-xlsx.js";
import { promptHidden } from "./prompt.js";

export const USAGE = `Uso: npx mrtm <comando> [opciones]

Comandos:
  user add --email CORREO --name NOMBRE --role ROL [--municipality CLAVE]
        Crea una cuenta. ROL: ${ROLES.join(", ")}. Enlaces y colaboradores necesitan
        --municipality (clave INEGI, p. ej. 15106). La contraseña se toma de MRTM_PASSWORD
        o se pide en la terminal.
  user reset-password --email CORREO
        Genera una contraseña temporal (se cambia al iniciar sesión) y cierra sus sesiones.
  user deactivate --email CORREO      Desactiva la cuenta y cierra sus sesiones.
  user activate --email CORREO        Reactiva la cuenta.
  user list                           Lista las cuentas.
  audit verify [--expect-last HASH | --anchor 'ANCLA']
        Sella los eventos pendientes y verifica la cadena de hashes de la bitácora. Informa
        el total, el último hash y el ancla de hoy (firmada con MRTM_AUDIT_ANCHOR_KEY si está
        configurada), o el primer evento eliminado, modificado o insertado (código de salida 1).
        Una bitácora vacía en una instancia con cuentas o convenios también falla.
        --expect-last HASH  falla si ese hash (p. ej. el último anotado antes) ya no está.
        --anchor 'ANCLA'    comprueba un ancla guardada (mrtm-ancla-v1;fecha=…): su firma y
                            que la cadena tenga ese hash en esa posición.
  export --out ARCHIVO.tar.gz
        Exporta la instancia completa (todas las tablas en JSON y CSV, los archivos de
        evidencia y documentos, y un manifiesto con sumas SHA-256 y versión de esquema).
  import ARCHIVO.tar.gz
        Carga un archivo exportado en una instancia nueva (sin datos más allá de los de
        referencia). Verifica todas las sumas y la versión de esquema antes de escribir.
  import-xlsx ARCHIVO.xlsx [--dry-run]
        Importa convenios, enlaces y colaboradores, estados históricos de herramientas y
        respuestas del diagnóstico desde un libro XLSX (la plantilla se descarga en
        Administración › Importar XLSX). --dry-run muestra qué crearía o cambiaría cada fila
        y cada problema sin escribir nada. Sin él, lo aplica en una sola transacción (nada si
        alguna fila tiene un problema); importar el mismo archivo otra vez no cambia nada.

Usa la misma base de datos que el servidor (DATABASE_URL o MRTM_DATA_DIR). Con la base
embebida (PGlite), detenga antes el servidor: dos procesos no pueden abrir la misma carpeta.
`;

class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** The command ran and found a problem: print the message to stdout and exit with code 1. */
export class CliCheckFailed extends Error {
  override name = "CliCheckFailed";
}

/** The check cannot run as asked (e.g. a signed anchor and no key): exit 2, no usage text. */
export class CliCannotCheck extends Error {
  override name = "CliCannotCheck";
}

export interface CliValues {
  email?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  municipality?: string | undefined;
  out?: string | undefined;
  "expect-last"?: string | undefined;
  anchor?: string | undefined;
  "dry-run"?: boolean | undefined;
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
}

/** The actor of CLI actions in the audit trail: whoever has shell access to the server. */
const CLI_ACTOR = { ...SYSTEM_ACTOR, label: "línea de comandos (mrtm)" };

/**
 * `export` and `import`: moving a whole instance (see src/server/archive). Returns null for any
 * other command.
 */
export async function runArchiveCommand(
  db: Database,
  blobs: BlobStore,
  positionals: string[],
  values: CliValues,
): Promise<string | null> {
  const [command, file, ...extra] = positionals;
  if (command === "export") {
    if (!values.out || file !== undefined) {
      throw new CliUsageError("Uso: npx mrtm export --out ARCHIVO.tar.gz");
    }
    const summary = await exportInstance(db, blobs, path.resolve(values.out));
    return `Exportado ${summary.file}: ${summary.tables} tablas, ${summary.rows} filas, ${summary.blobs} archivos, ${formatBytes(summary.bytes)}.\n`;
  }
  if (command === "import") {
    if (!file || extra.length > 0 || values.out) {
      throw new CliUsageError("Uso: npx mrtm import ARCHIVO.tar.gz");
    }
    const summary = await importInstance(db, blobs, path.resolve(file));
    return `Importado ${file}${summary.institution ? ` (${summary.institution})` : ""}: ${summary.tables} tablas, ${summary.rows} filas, ${summary.blobs} archivos.\n`;
  }
  return null;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Runs one command and returns what to print. Throws AppError for refused input. */
export async function runCommand(
  db: Database,
  positionals: string[],
  values: CliValues,
  io: CliIo,
): Promise<string> {
  const [group, action] = positionals;
  if (group === "import-xlsx") {
    if (!action || positionals.length > 2) {
      throw new CliUsageError("Uso: npx mrtm import-xlsx ARCHIVO.xlsx [--dry-run]");
    }
    return importXlsxCommand(db, action, {
      dryRun: values["dry-run"] === true,
      env: io.env,
      actor: CLI_ACTOR,
      now: new Date(),
    });
  }
  if (group === "audit") {
    if (action !== "verify") {
      throw new CliUsageError(`Acción desconocida para audit: ${action ?? "(ninguna)"}`);
    }
    return verifyAudit(db, values, io);
  }
  if (group !== "user") {
    throw new CliUsageError(`Comando desconocido: ${positionals.join(" ")}`);
  }
  switch (action) {
    case "add":
      return addUser(db, values, io);
    case "reset-password": {
      const user = await findByEmail(db, values.email);
      const password = await resetPassword(db, user.id, CLI_ACTOR);
      return `Contraseña temporal de ${user.email}: ${password}\n(se pedirá cambiarla al iniciar sesión)\n`;
    }
    case "deactivate":
    case "activate": {
      const user = await findByEmail(db, values.email);
      await updateUser(db, user.id, { active: action === "activate" }, CLI_ACTOR);
      return `Cuenta ${user.email} ${action === "activate" ? "reactivada" : "desactivada"}.\n`;
    }
    case "list": {
      const { items, total } = await listUsers(db, { page: 1, pageSize: 200 });
      const lines = items.map(
        (u) =>
          `${u.active ? " " : "x"} ${u.email.padEnd(36)} ${ROLE_LABELS[u.role].padEnd(22)} ${u.municipality?.cvegeo ?? ""}  ${u.name}`,
      );
      return `${lines.join("\n")}\n${total} cuenta(s)${total > items.length ? `, se muestran ${items.length}` : ""}. (x = desactivada)\n`;
    }
    default:
      throw new CliUsageError(`Acción desconocida para user: ${action ?? "(ninguna)"}`);
  }
}

async function verifyAudit(db: Database, values: CliValues, io: CliIo): Promise<string> {
  const expectLast = values["expect-last"];
  if (expectLast !== undefined && values.anchor !== undefined) {
    throw new CliUsageError("Use --expect-last o --anchor, no los dos.");
  }
  if (expectLast !== undefined && !/^[0-9a-fA-F]{64}$/.test(expectLast.trim())) {
    throw new CliUsageError("--expect-last es un hash SHA-256: 64 dígitos hexadecimales.");
  }
  const key = loadConfig(io.env).auditAnchorKey;
  let anchor: ParsedAnchor | null = null;
  if (values.anchor !== undefined) {
    anchor = parseAnchor(values.anchor);
    if (anchor === null) {
      throw new CliUsageError(
        "--anchor no es un ancla de MRTM: se espera la línea completa mrtm-ancla-v1;fecha=dd/mm/aaaa;eventos=N;hash=…;firma=…",
      );
    }
    if (anchor.signature !== null) {
      if (key === null) {
        throw new CliCannotCheck(
          "El ancla está firmada y MRTM_AUDIT_ANCHOR_KEY no está configurada: configure la misma clave con la que se firmó para comprobarla.",
        );
      }
      if (!anchorSignatureValid(hmacSha256, key, anchor)) {
        throw new CliCheckFailed(
          "Ancla NO válida: su firma no corresponde a su contenido con la clave configurada (fue alterada o se firmó con otra clave).\n",
        );
      }
    }
  }
  const { verdict, unsealed } = await verifyAuditChain(db, {
    anchor: anchor
      ? { hash: anchor.hash, seq: anchor.seq }
      : expectLast !== undefined
        ? { hash: expectLast.trim(), seq: null }
        : null,
  });
  if (!verdict.ok) {
    const where =
      verdict.problem.kind === "emptied" || verdict.problem.kind === "truncated"
        ? ""
        : `Posición ${verdict.problem.seq}; ${verdict.checked} evento(s) anteriores verificados sin problema.\n`;
    throw new CliCheckFailed(`Bitácora ALTERADA. ${describeBreak(verdict.problem)}\n${where}`);
  }
  const pending =
    unsealed > 0
      ? ` (${unsealed} evento(s) escritos durante la verificación quedan por sellar)`
      : "";
  if (verdict.count === 0) {
    return `Bitácora íntegra: sin eventos.${pending}\n`;
  }
  const lines = [
    `Bitácora íntegra: ${verdict.count} evento(s) encadenados; último hash (posición ${verdict.lastSeq}): ${verdict.lastHash}${pending}`,
  ];
  if (expectLast !== undefined) {
    lines.push("El hash esperado está en la cadena.");
  }
  if (anchor) {
    const [year, month, day] = anchor.date.split("-");
    lines.push(
      `El ancla del ${day}/${month}/${year} (posición ${anchor.seq}) está en la cadena${
        anchor.signature === null
          ? "; el ancla no tiene firma: no se comprobó quién la emitió."
          : " y su firma es válida."
      }`,
    );
  }
  const today = signAnchor(hmacSha256, key, {
    date: localDateOf(new Date()),
    seq: verdict.lastSeq,
    hash: verdict.lastHash,
  });
  lines.push(
    `Ancla de hoy, para guardar fuera del servidor${
      key === null ? " (sin firma: configure MRTM_AUDIT_ANCHOR_KEY para firmarla)" : ""
    }:`,
    today,
  );
  return `${lines.join("\n")}\n`;
}

async function addUser(db: Database, values: CliValues, io: CliIo): Promise<string> {
  const email = Email.safeParse(values.email ?? "");
  if (!email.success) {
    throw new CliUsageError("--email es obligatorio y debe ser un correo válido.");
  }
  if (!values.name?.trim()) {
    throw new CliUsageError("--name es obligatorio.");
  }
  if (!ROLES.includes(values.role as Role)) {
    throw new CliUsageError(`--role debe ser uno de: ${ROLES.join(", ")}.`);
  }
  if (values.municipality !== undefined && !Cvegeo.safeParse(values.municipality).success) {
    throw new CliUsageError("--municipality es la clave INEGI de 5 dígitos (p. ej. 15106).");
  }
  const password =
    io.env.MRTM_PASSWORD ?? (await promptHidden("Contraseña: ", io.stdin, io.stdout));
  const created = await createUser(
    db,
    {
      email: email.data,
      name: values.name.trim(),
      role: values.role as Role,
      municipality: values.municipality ?? null,
      password,
    },
    CLI_ACTOR,
  );
  return `Cuenta creada: ${email.data} (${ROLE_LABELS[values.role as Role]}), id ${created.id}\n`;
}

async function findByEmail(db: Database, raw: string | undefined) {
  const email = Email.safeParse(raw ?? "");
  if (!email.success) {
    throw new CliUsageError("--email es obligatorio y debe ser un correo válido.");
  }
  const [user] = await db.select().from(users).where(eq(users.email, email.data)).limit(1);
  if (!user) {
    throw new CliUsageError(`No existe una cuenta con el correo ${email.data}.`);
  }
  return user;
}
