import { type Calendar, CalendarSchema } from "../../src/deadline/index.ts";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** ISO 8601 UTC literal → epoch ms. */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO literal ${iso}`);
  return ms;
};
export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const office = [
  ["08:30", "12:00"],
  ["13:30", "17:30"],
] as Array<[string, string]>;

/** Mon–Fri 08:30–12:00 + 13:30–17:30 in Shanghai (7.5 h a day, lunch break 12:00–13:30). */
export const SHANGHAI_OFFICE: Calendar = CalendarSchema.parse({
  kind: "working-hours",
  timeZone: "Asia/Shanghai",
  week: { "1": office, "2": office, "3": office, "4": office, "5": office },
});

/** The same with National Day 2026 (10-01..10-07) and its make-up days (Sun 09-27, Sat 10-10). */
export const SHANGHAI_NATIONAL_DAY: Calendar = CalendarSchema.parse({
  kind: "working-hours",
  timeZone: "Asia/Shanghai",
  week: { "1": office, "2": office, "3": office, "4": office, "5": office },
  holidays: ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"],
  workdays: ["2026-09-27", "2026-10-10"],
});

/** For property tests: both years' Spring Festival and National Day holidays with make-up days. */
export const SHANGHAI_HOLIDAYS: Calendar = CalendarSchema.parse({
  kind: "working-hours",
  timeZone: "Asia/Shanghai",
  week: { "1": office, "2": office, "3": office, "4": office, "5": office },
  holidays: [
    "2026-01-01",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-02-23",
    "2026-05-01",
    "2026-05-04",
    "2026-05-05",
    "2026-10-01",
    "2026-10-02",
    "2026-10-05",
    "2026-10-06",
    "2026-10-07",
    "2027-01-01",
    "2027-02-08",
    "2027-02-09",
    "2027-02-10",
    "2027-02-11",
    "2027-02-12",
    "2027-10-01",
    "2027-10-04",
    "2027-10-05",
    "2027-10-06",
    "2027-10-07",
  ],
  workdays: ["2026-02-14", "2026-02-28", "2026-05-09", "2026-09-27", "2026-10-10", "2027-02-06", "2027-09-26", "2027-10-09"],
});

const nineToFive = [["09:00", "17:00"]] as Array<[string, string]>;

export const plainNineToFive = (timeZone: string): Calendar =>
  CalendarSchema.parse({
    kind: "working-hours",
    timeZone,
    week: { "1": nineToFive, "2": nineToFive, "3": nineToFive, "4": nineToFive, "5": nineToFive },
  });

/** A night shift every day whose period crosses 02:00–03:00 local. */
export const nightShift = (timeZone: string, period: [string, string] = ["01:00", "05:00"]): Calendar =>
  CalendarSchema.parse({
    kind: "working-hours",
    timeZone,
    week: Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [period]])),
  });
