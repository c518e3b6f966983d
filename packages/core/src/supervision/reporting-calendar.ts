import { DAY, dayNumberOf, instantOf, isoDateOf, localDayOf } from "../deadline/zoned-time.ts";

// Head office reports by the group's calendar: days and months in one zone, whatever each branch's own zone.

/** The zone of head office's reporting days and months (rollups, trends, monthly PDCA reports). */
export const REPORTING_TIME_ZONE = "Asia/Shanghai";
/**
 * The reporting zone's offset from UTC: Asia/Shanghai keeps UTC+8 all year (no daylight saving), so SQL may
 * group instants into reporting days with this fixed offset (SQLite knows no zones).
 */
export const REPORTING_UTC_OFFSET_MS = 8 * 3_600_000;

/** The reporting day (YYYY-MM-DD) an instant falls on. */
export const reportingDay = (utcMs: number): string => isoDateOf(localDayOf(REPORTING_TIME_ZONE, utcMs));

/** The first instant of the reporting day (YYYY-MM-DD). */
export const reportingDayStartOf = (isoDay: string): number => instantOf(REPORTING_TIME_ZONE, dayNumberOf(isoDay), 0);

/** The first instant of the reporting day an instant falls on. */
export const reportingDayStart = (utcMs: number): number => instantOf(REPORTING_TIME_ZONE, localDayOf(REPORTING_TIME_ZONE, utcMs), 0);

/** The reporting day `days` days before the one `utcMs` falls on. */
export const reportingDaysBefore = (utcMs: number, days: number): string => reportingDay(utcMs - days * DAY);

/**
 * A reporting period as instants [from, to): `from` day at 00:00 to the day after `to` at 00:00; without `to`,
 * up to `now`; without `from`, `defaultDays` days before the end.
 */
export function reportingPeriod(q: { from?: string | undefined; to?: string | undefined }, now: number, defaultDays = 30) {
  const to = q.to ? reportingDayStartOf(q.to) + DAY : now;
  const from = q.from ? reportingDayStartOf(q.from) : to - defaultDays * DAY;
  return { from, to };
}

/** The reporting month (YYYY-MM) an instant falls in. */
export const reportingMonth = (utcMs: number): string => reportingDay(utcMs).slice(0, 7);

/** A reporting month (YYYY-MM) as instants [first day 00:00, first day of the next month 00:00). */
export function reportingMonthBounds(month: string): [number, number] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = (year: number, month0: number) => instantOf(REPORTING_TIME_ZONE, Math.floor(Date.UTC(year, month0, 1) / DAY), 0);
  return [first(y, m - 1), first(y, m)];
}

/** The reporting month before the one an instant falls in. */
export function previousReportingMonth(utcMs: number): string {
  const [y, m] = reportingMonth(utcMs).split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}
