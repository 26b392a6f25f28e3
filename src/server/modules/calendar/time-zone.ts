/**
 * Time-zone pieces iCalendar needs and ical-generator leaves to the caller: a VTIMEZONE for a
 * zone (built from the zone rules Node's ICU carries, so Mexico City's end of daylight saving time
 * in October 2022 is right), and wall-clock times in that zone.
 */
import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from "ical-generator";

const MINUTE = 60_000;
const DAY = 86_400_000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (Mexico City today: -360). */
export function offsetMinutes(timeZone: string, instant: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) {
    return 0; // "GMT": UTC itself.
  }
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

export interface Transition {
  /** The first instant (ms) with the new offset. */
  at: number;
  from: number;
  to: number;
}

/** Every change of offset between two instants, to the minute. */
export function transitions(timeZone: string, fromMs: number, toMs: number): Transition[] {
  const found: Transition[] = [];
  let previous = offsetMinutes(timeZone, fromMs);
  for (let day = fromMs; day < toMs; day += DAY) {
    const next = offsetMinutes(timeZone, day + DAY);
    if (next === previous) {
      continue;
    }
    let low = day;
    let high = day + DAY;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetMinutes(timeZone, middle) === previous) {
        low = middle;
      } else {
        high = middle;
      }
    }
    found.push({ at: high, from: previous, to: next });
    previous = next;
  }
  return found;
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

/** An instant as local date-time text (`20240110T120000`) at a fixed offset. */
function localText(instant: number, offset: number): string {
  const local = new Date(instant + offset * MINUTE);
  return `${pad(local.getUTCFullYear(), 4)}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
}

/**
 * A VTIMEZONE (RFC 5545 §3.6.5) valid from 1 January of `fromYear` to the end of `toYear`: one
 * observance at the start of the range and one per change of offset inside it. Offsets above the
 * range's lowest are labelled DAYLIGHT, the rest STANDARD.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  // From local midnight of 1 January to local midnight after 31 December.
  const start =
    Date.UTC(fromYear, 0, 1) - offsetMinutes(timeZone, Date.UTC(fromYear, 0, 1)) * MINUTE;
  const end = Date.UTC(toYear + 1, 0, 1);
  const changes = transitions(timeZone, start, end);
  const first = offsetMinutes(timeZone, start);
  const standard = Math.min(first, ...changes.map((change) => change.to));
  const observance = (from: number, to: number, at: number) => {
    const kind = to > standard ? "DAYLIGHT" : "STANDARD";
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localText(at, from)}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      `END:${kind}`,
    ];
  };
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${timeZone}`,
    `X-LIC-LOCATION:${timeZone}`,
    ...observance(first, first, start),
    ...changes.flatMap((change) => observance(change.from, change.to, change.at)),
    "END:VTIMEZONE",
  ].join("\r\n");
}

/**
 * An instant as the wall-clock time of a zone, in the shape ical-generator takes for times with a
 * TZID (a Temporal ZonedDateTime). Native Dates would be written in the server process's own zone.
 */
export function zonedDateTime(instant: Date, timeZone: string): ICalTemporalZonedDateTimeStub {
  const ms = instant.getTime();
  const local = new Date(ms + offsetMinutes(timeZone, ms) * MINUTE);
  const fields = {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
  const iso = instant.toISOString();
  // Temporal's plain texts are the wall-clock ones: 2024-01-10 and 2024-01-10T12:00:00.
  const dateText = `${pad(fields.year, 4)}-${pad(fields.month)}-${pad(fields.day)}`;
  const dateTimeText = `${dateText}T${pad(fields.hour)}:${pad(fields.minute)}:${pad(fields.second)}`;
  const plainDate: ICalTemporalPlainDateStub = {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    toJSON: () => dateText,
    toString: () => dateText,
  };
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...fields,
    timeZoneId: timeZone,
    toInstant: () => instantStub(instant),
    toJSON: () => iso,
    toString: () => iso,
    toPlainDateTime: () => plainDateTime,
    withTimeZone: (other: string) => zonedDateTime(instant, other),
  };
  const plainDateTime: ICalTemporalPlainDateTimeStub = {
    ...fields,
    toJSON: () => dateTimeText,
    toString: () => dateTimeText,
    toPlainDate: () => plainDate,
    toZonedDateTime: () => zoned,
  };
  return zoned;
}

function instantStub(instant: Date): ICalTemporalInstantStub {
  return {
    epochMilliseconds: instant.getTime(),
    toJSON: () => instant.toISOString(),
    toString: () => instant.toISOString(),
    toZonedDateTimeISO: (timeZone: string) => zonedDateTime(instant, timeZone),
  };
}
