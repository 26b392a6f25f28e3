import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { afterMailFailure } from "../../domain/notifications.js";
import type { Database } from "../db/client.js";
import { mailOutbox } from "../db/schema/index.js";
import { onMailQueued } from "./signal.js";
import type { MailTransport } from "./transport.js";

export interface DrainResult {
  sent: number;
  /** Failed this time, to be retried later. */
  retried: number;
  /** Failed for the last time. */
  failed: number;
  /** Kept for admins because no SMTP server is configured. */
  held: number;
}

export interface OutboxSenderOptions {
  now?: () => Date;
  /** Rows claimed at a time. */
  batchSize?: number;
  /**
   * How long a claimed row is reserved for the sender that claimed it. If that process dies
   * mid-delivery, the row becomes claimable again after the lease.
   */
  leaseMs?: number;
  /** Reports a delivery failure (the row records it too). */
  onError?: (error: unknown, mailId: string) => void;
}

/**
 * Delivers the mail outbox. Rows are written by `notify` inside the transaction of the event;
 * delivery happens here, after commit, in its own short statements: several server processes can
 * drain the same outbox, as each claims rows with `FOR UPDATE SKIP LOCKED` and a lease, so a row
 * is sent by one of them. Without a transport (no SMTP configured) pending rows become `held`:
 * they stay readable by admins in the app, nothing is lost.
 */
export class OutboxSender {
  private readonly now: () => Date;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private running: Promise<DrainResult> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly transport: MailTransport | null,
    private readonly options: OutboxSenderOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  /**
   * Sends every row that is due, until none is left. Calls made while a drain runs share it (and
   * make it look once more at the end), so two drains of one process never overlap.
   */
  drain(): Promise<DrainResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: DrainResult = { sent: 0, retried: 0, failed: 0, held: 0 };
      try {
        do {
          this.again = false;
          const result = await this.drainOnce();
          total.sent += result.sent;
          total.retried += result.retried;
          total.failed += result.failed;
          total.held += result.held;
        } while (this.again);
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  private async drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0, held: 0 };
    if (!this.transport) {
      const held = await this.db
        .update(mailOutbox)
        .set({ status: "held" })
        .where(eq(mailOutbox.status, "pending"))
        .returning({ id: mailOutbox.id });
      result.held = held.length;
      return result;
    }
    for (;;) {
      const batch = await this.claim();
      for (const mail of batch) {
        await this.deliver(mail, result);
      }
      if (batch.length < this.batchSize) {
        return result;
      }
    }
  }

  /** Reserves up to a batch of due rows for this sender: one statement, skipping rows others hold. */
  private async claim() {
    const now = this.now();
    const due = this.db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)))
      .orderBy(asc(mailOutbox.createdAt))
      .limit(this.batchSize)
      .for("update", { skipLocked: true });
    return this.db
      .update(mailOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + this.leaseMs) })
      .where(and(inArray(mailOutbox.id, due), eq(mailOutbox.status, "pending")))
      .returning();
  }

  private async deliver(mail: typeof mailOutbox.$inferSelect, result: DrainResult): Promise<void> {
    const transport = this.transport;
    if (!transport) {
      return;
    }
    try {
      await transport.send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } catch (error) {
      this.options.onError?.(error, mail.id);
      const next = afterMailFailure(mail.attempts);
      await this.db
        .update(mailOutbox)
        .set({
          attempts: sql`${mailOutbox.attempts} + 1`,
          lastError: describeError(error),
          status: next.status,
          nextAttemptAt:
            next.status === "pending"
              ? new Date(this.now().getTime() + next.retryInMs)
              : this.now(),
        })
        .where(eq(mailOutbox.id, mail.id));
      if (next.status === "failed") {
        result.failed++;
      } else {
        result.retried++;
      }
      return;
    }
    await this.db
      .update(mailOutbox)
      .set({
        status: "sent",
        sentAt: this.now(),
        attempts: sql`${mailOutbox.attempts} + 1`,
        lastError: null,
      })
      .where(eq(mailOutbox.id, mail.id));
    result.sent++;
  }

  /**
   * Runs in the background: drains now, whenever `notify` queues mail (after a short pause, so
   * the writing transaction has committed) and every `pollMs` (rows queued by other processes,
   * retries coming due).
   */
  start(pollMs = 30_000, onDrainError: (error: unknown) => void = () => {}): void {
    const run = () => {
      this.drain().catch(onDrainError);
    };
    this.unsubscribe = onMailQueued(() => {
      if (!this.wakeTimer) {
        this.wakeTimer = setTimeout(() => {
          this.wakeTimer = null;
          run();
        }, 500);
        this.wakeTimer.unref();
      }
    });
    const tick = () => {
      run();
      this.timer = setTimeout(tick, pollMs);
      this.timer.unref();
    };
    tick();
  }

  /** Stops the background loop, waits for a drain in flight and closes the transport. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of [this.timer, this.wakeTimer]) {
      if (timer) {
        clearTimeout(timer);
      }
    }
    this.timer = null;
    this.wakeTimer = null;
    await this.running?.catch(() => {});
    this.transport?.close();
  }
}

/** What the outbox keeps of a failure: the SMTP reply or the error's message, never a stack. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000);
}
