import { z } from "zod";
import { DAY, dayNumberOf, instantOf, localDayOf, weekdayOf } from "./zoned-time.ts";

const HHMM = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, "HH:MM (00:00–24:00)");
const Period = z.tuple([HHMM, HHMM]).refine(([a, b]) => a < b, "a period must end after it starts");
const IsoDate = z.iso.date();

/** An IANA time zone the runtime knows (Asia/Shanghai…). */
export const TimeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "unknown IANA time zone");

export const CalendarSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("24x7") }),
  z.strictObject({
    kind: z.literal("working-hours"),
    timeZone: TimeZoneSchema,
    /** Working periods per weekday, 0 = Sunday … 6 = Saturday; breaks are the gaps between periods. Missing days are closed. */
    week: z.partialRecord(z.enum(["0", "1", "2", "3", "4", "5", "6"]), z.array(Period)),
    /** Public holidays (closed all day). */
    holidays: z.array(IsoDate).default([]),
    /** Make-up working days (调休): worked with `makeUpSchedule`, or Monday's periods. */
    workdays: z.array(IsoDate).default([]),
    makeUpSchedule: z.array(Period).optional(),
  }),
]);
export type Calendar = z.infer<typeof CalendarSchema>;
type WorkingHours = Extract<Calendar, { kind: "working-hours" }>;

export const ALWAYS: Calendar = { kind: "24x7" };

interface Compiled {
  tz: string;
  week: Array<Array<[number, number]>>; // minutes of day
  makeUp: Array<[number, number]>;
  holidays: Set<number>;
  workdays: Set<number>;
  days: Map<number, Array<[number, number]>>; // day number → instants
  hasAnyTime: boolean;
}

const compiledCache = new WeakMap<object, Compiled>();
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Periods in minutes of day, sorted and with overlaps merged, so that each minute counts once. */
function normalize(periods: ReadonlyArray<readonly [string, string]>): Array<[number, number]> {
  const sorted = periods
    .map(([a, b]) => [minutes(a), minutes(b)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function compile(cal: WorkingHours): Compiled {
  let c = compiledCache.get(cal);
  if (c) return c;
  const week = Array.from({ length: 7 }, (_, d) => normalize(cal.week[String(d) as "0"] ?? []));
  const makeUp = normalize(cal.makeUpSchedule ?? cal.week["1"] ?? []);
  c = {
    tz: cal.timeZone,
    week,
    makeUp,
    holidays: new Set(cal.holidays.map(dayNumberOf)),
    workdays: new Set(cal.workdays.map(dayNumberOf)),
    days: new Map(),
    hasAnyTime: week.some((p) => p.length > 0) || (cal.workdays.length > 0 && makeUp.length > 0),
  };
  compiledCache.set(cal, c);
  return c;
}

/** Working intervals [start, end) of one local day, as instants. */
function dayIntervals(c: Compiled, day: number): Array<[number, number]> {
  let out = c.days.get(day);
  if (out) return out;
  const periods = c.workdays.has(day) ? c.makeUp : c.holidays.has(day) ? [] : (c.week[weekdayOf(day)] ?? []);
  out = [];
  for (const [a, b] of periods) {
    const start = instantOf(c.tz, day, a);
    const end = instantOf(c.tz, day, b);
    if (end > start) out.push([start, end]);
  }
  c.days.set(day, out);
  return out;
}

const MAX_DAYS = 3 * 366;

/** The instant at which `durationMs` of working time has elapsed after `startMs`. */
export function addWorkingTime(cal: Calendar, startMs: number, durationMs: number): number {
  if (cal.kind === "24x7" || durationMs <= 0) return startMs + Math.max(0, durationMs);
  const c = compile(cal);
  if (!c.hasAnyTime) throw new Error("calendar has no working time");
  let remaining = durationMs;
  const first = localDayOf(c.tz, startMs) - 1; // a period may start the day before in local terms near DST
  for (let day = first; day < first + MAX_DAYS; day++) {
    for (const [a, b] of dayIntervals(c, day)) {
      if (b <= startMs) continue;
      const from = Math.max(a, startMs);
      const available = b - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
  }
  throw new Error(`no working time found within ${MAX_DAYS} days`);
}

/** Working milliseconds in [fromMs, toMs). */
export function workingTimeBetween(cal: Calendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (cal.kind === "24x7") return toMs - fromMs;
  const c = compile(cal);
  let total = 0;
  const last = localDayOf(c.tz, toMs) + 1;
  for (let day = localDayOf(c.tz, fromMs) - 1; day <= last; day++) {
    for (const [a, b] of dayIntervals(c, day)) {
      const lo = Math.max(a, fromMs);
      const hi = Math.min(b, toMs);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

export { DAY };
