import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextLocalDate } from "./daily-schedule.js";
import { addMonths, daysBetween, formatLocalDate, type LocalDate } from "./dates.js";
import {
  COMMITMENT_REMINDER_DAYS,
  commitmentReminderDue,
  commitmentReminderKey,
  DEADLINE_REMINDER_DAYS,
  deadlineReminderDue,
  deadlineReminderKey,
  describeDaysLeft,
  isoWeek,
  isRemindable,
  overdueDigestKey,
  weekStart,
} from "./reminders.js";
import { TOOL_STATES } from "./tool-state.js";

/** `n` days after `date` (negative: before). */
function plusDays(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Runs the deadline rule on each day of `days` and keeps the keys delivered, as the job does with
 * its dedupe keys: what a person receives over that stretch of runs, in order.
 */
function deliveredOver(deadline: LocalDate, days: LocalDate[]): { on: LocalDate; days: number }[] {
  const seen = new Set<string>();
  const delivered: { on: LocalDate; days: number }[] = [];
  for (const today of days) {
    const due = deadlineReminderDue(deadline, today);
    if (due !== null) {
      const key = deadlineReminderKey("i1", deadline, due);
      if (!seen.has(key)) {
        seen.add(key);
        delivered.push({ on: today, days: due });
      }
    }
  }
  return delivered;
}

function everyDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = from; day <= to; day = nextLocalDate(day)) {
    days.push(day);
  }
  return days;
}

describe("deadlineReminderDue", () => {
  const deadline = "2025-06-30";
  /** What the job delivers running every day from 01/05 to 05/07/2025 but from `down` to `up`. */
  const deliveredAround = (down: LocalDate, up: LocalDate) =>
    deliveredOver(
      deadline,
      everyDay("2025-05-01", "2025-07-05").filter((day) => day < down || day > up),
    );

  it("owes nothing more than 30 days ahead", () => {
    expect(deadlineReminderDue(deadline, plusDays(deadline, -31))).toBeNull();
    expect(deadlineReminderDue(deadline, "2024-01-01")).toBeNull();
  });

  it("owes the 30-day reminder from 30 to 8 days ahead", () => {
    expect(deadlineReminderDue(deadline, plusDays(deadline, -30))).toBe(30);
    expect(deadlineReminderDue(deadline, plusDays(deadline, -8))).toBe(30);
  });

  it("owes the 7-day reminder from 7 to 2 days ahead", () => {
    expect(deadlineReminderDue(deadline, plusDays(deadline, -7))).toBe(7);
    expect(deadlineReminderDue(deadline, plusDays(deadline, -2))).toBe(7);
  });

  it("owes the 1-day reminder the day before and on the day itself", () => {
    expect(deadlineReminderDue(deadline, plusDays(deadline, -1))).toBe(1);
    expect(deadlineReminderDue(deadline, deadline)).toBe(1);
  });

  it("owes nothing once the deadline has passed (the overdue digest takes over)", () => {
    expect(deadlineReminderDue(deadline, plusDays(deadline, 1))).toBeNull();
    expect(deadlineReminderDue(deadline, "2026-01-01")).toBeNull();
  });

  it("with a run every day, sends 30, 7 and 1 exactly once each, on the right days", () => {
    expect(deliveredOver(deadline, everyDay("2025-04-01", "2025-07-31"))).toEqual([
      { on: "2025-05-31", days: 30 },
      { on: "2025-06-23", days: 7 },
      { on: "2025-06-29", days: 1 },
    ]);
  });

  it("catches up after downtime: a missed 7-day reminder is sent late while the deadline is ahead", () => {
    // Down from 20/06 to 25/06: the 7-day reminder (due 23/06) goes out on 26/06.
    expect(deliveredAround("2025-06-20", "2025-06-25")).toEqual([
      { on: "2025-05-31", days: 30 },
      { on: "2025-06-26", days: 7 },
      { on: "2025-06-29", days: 1 },
    ]);
  });

  it("after downtime, sends only the most urgent reminder still relevant, not the stale ones", () => {
    // Down from 25/05 to 27/06: the 30- and 7-day reminders are superseded by the 7-day one late
    // on 28/06; the 1-day one follows on 29/06.
    expect(deliveredAround("2025-05-25", "2025-06-27")).toEqual([
      { on: "2025-06-28", days: 7 },
      { on: "2025-06-29", days: 1 },
    ]);
  });

  it("sends nothing late once the deadline has passed during the downtime", () => {
    expect(deliveredAround("2025-05-25", "2025-06-30")).toEqual([]);
  });

  it("never sends a reminder twice, whatever the days the job runs (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 200 }),
        (offset, runs) => {
          const deadlineDay = plusDays("2024-01-01", offset + 60);
          const days = runs.map((r) => plusDays("2024-01-01", offset + r));
          // Runs repeated and out of order, as restarts and several processes could produce.
          const sent = deliveredOver(deadlineDay, days);
          const thresholds = sent.map((s) => s.days);
          expect(new Set(thresholds).size).toBe(thresholds.length);
          for (const s of sent) {
            expect(daysBetween(s.on, deadlineDay)).toBeGreaterThanOrEqual(0);
            expect(daysBetween(s.on, deadlineDay)).toBeLessThanOrEqual(s.days);
          }
        },
      ),
    );
  });

  it("with a run every day, always sends each threshold (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (offset) => {
        const deadlineDay = plusDays("2022-11-16", offset);
        const sent = deliveredOver(deadlineDay, everyDay(plusDays(deadlineDay, -40), deadlineDay));
        expect(sent.map((s) => s.days)).toEqual([...DEADLINE_REMINDER_DAYS]);
      }),
    );
  });
});

describe("deadlineReminderKey", () => {
  it("differs per threshold and per deadline, so a moved deadline is reminded again", () => {
    const keys = new Set([
      deadlineReminderKey("i1", "2025-06-30", 30),
      deadlineReminderKey("i1", "2025-06-30", 7),
      deadlineReminderKey("i1", "2025-07-31", 7),
      deadlineReminderKey("i2", "2025-06-30", 7),
    ]);
    expect(keys.size).toBe(4);
    expect(deadlineReminderKey("i1", "2025-06-30", 7)).toBe("deadline:i1:2025-06-30:7");
  });
});

describe("isRemindable", () => {
  it("reminds while the municipality has work to do, not in review nor once validated", () => {
    const remindable = TOOL_STATES.filter(isRemindable);
    expect(remindable).toEqual(["pending", "in_progress", "changes_requested"]);
  });
});

describe("describeDaysLeft", () => {
  it("speaks Spanish for today, tomorrow and further", () => {
    expect(describeDaysLeft(0)).toBe("vence hoy");
    expect(describeDaysLeft(1)).toBe("vence mañana");
    expect(describeDaysLeft(7)).toBe("vence en 7 días");
    expect(describeDaysLeft(30)).toBe("vence en 30 días");
    expect(describeDaysLeft(0, true)).toBe("vencen hoy");
    expect(describeDaysLeft(1, true)).toBe("vencen mañana");
    expect(describeDaysLeft(7, true)).toBe("vencen en 7 días");
  });
});

describe("isoWeek", () => {
  it.each([
    ["2025-01-01", "2025-W01"],
    ["2025-01-05", "2025-W01"],
    ["2025-01-06", "2025-W02"],
    ["2024-12-29", "2024-W52"],
    ["2024-12-30", "2025-W01"],
    ["2021-01-03", "2020-W53"],
    ["2026-12-31", "2026-W53"],
    ["2027-01-01", "2026-W53"],
    ["2027-01-04", "2027-W01"],
  ])(
    "numbers weeks from Monday, with week 1 holding the year's first Thursday: %s is %s",
    (date, week) => {
      expect(isoWeek(date)).toBe(week);
    },
  );

  it("is the same for the seven days from a Monday, and changes on the next Monday (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (offset) => {
        const monday = weekStart(plusDays("1990-01-01", offset));
        const week = isoWeek(monday);
        for (let d = 1; d < 7; d++) {
          expect(isoWeek(plusDays(monday, d))).toBe(week);
          expect(weekStart(plusDays(monday, d))).toBe(monday);
        }
        expect(isoWeek(plusDays(monday, 7))).not.toBe(week);
      }),
    );
  });
});

describe("weekStart", () => {
  it("is the Monday on or before the date", () => {
    expect(weekStart("2025-06-30")).toBe("2025-06-30");
    expect(weekStart("2025-07-06")).toBe("2025-06-30");
    expect(weekStart("2025-01-01")).toBe("2024-12-30");
  });
});

describe("overdueDigestKey", () => {
  it("is one key per ISO week: any day of the week (the first run after downtime) shares it", () => {
    const monday = "2025-06-30";
    const keys = new Set(everyDay(monday, plusDays(monday, 6)).map(overdueDigestKey));
    expect([...keys]).toEqual(["overdue:2025-W27"]);
    expect(overdueDigestKey(plusDays(monday, 7))).toBe("overdue:2025-W28");
  });
});

describe("commitmentReminderDue", () => {
  const due = "2025-03-10";

  it("reminds from three days before to the due date itself", () => {
    expect(commitmentReminderDue(due, plusDays(due, -COMMITMENT_REMINDER_DAYS - 1))).toBe(false);
    expect(commitmentReminderDue(due, plusDays(due, -3))).toBe(true);
    expect(commitmentReminderDue(due, plusDays(due, -1))).toBe(true);
    expect(commitmentReminderDue(due, due)).toBe(true);
    expect(commitmentReminderDue(due, plusDays(due, 1))).toBe(false);
  });

  it("is caught up after downtime only while the due date has not passed", () => {
    const seen = new Set<string>();
    const runs = ["2025-03-01", "2025-03-09", "2025-03-10", "2025-03-11"];
    const sentOn = runs.filter((today) => {
      if (!commitmentReminderDue(due, today)) {
        return false;
      }
      const key = commitmentReminderKey("c1", due);
      const fresh = !seen.has(key);
      seen.add(key);
      return fresh;
    });
    expect(sentOn).toEqual(["2025-03-09"]);
  });

  it("keys by commitment and due date", () => {
    expect(commitmentReminderKey("c1", due)).toBe("commitment:c1:2025-03-10");
    expect(commitmentReminderKey("c1", addMonths(due, 1))).not.toBe(
      commitmentReminderKey("c1", due),
    );
  });
});
