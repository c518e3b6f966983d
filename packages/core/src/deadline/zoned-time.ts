// Wall-clock ↔ instant conversion for IANA zones with Intl only (pure, no I/O), cached so that deadline
// math stays fast. Offsets are looked up per UTC hour: zone transitions happen on those boundaries for
// every zone whose offsets are whole hours or half hours at :00/:30 transitions.

const HOUR = 3_600_000;
export const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC in ms at instant `utcMs` (local = utc + offset). */
export function offsetAt(timeZone: string, utcMs: number): number {
  let perZone = offsets.get(timeZone);
  if (!perZone) {
    perZone = new Map();
    offsets.set(timeZone, perZone);
  }
  const hour = Math.floor(utcMs / (HOUR / 2)); // half-hour buckets: also exact for :30 transitions
  const hit = perZone.get(hour);
  if (hit !== undefined) return hit;
  const probe = hour * (HOUR / 2);
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(probe)) if (part.type !== "literal") p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offset = wall - probe;
  perZone.set(hour, offset);
  return offset;
}

/** Local day number (days since 1970-01-01 in the zone's calendar) of an instant. */
export function localDayOf(timeZone: string, utcMs: number): number {
  return Math.floor((utcMs + offsetAt(timeZone, utcMs)) / DAY);
}

/**
 * The instant of a local wall-clock time: the earliest instant whose local reading is at or after it.
 * In a DST gap the wall time does not exist and the result is the end of the gap (so a working period
 * crossing it is shortened by the gap, and one ending inside it keeps all its existing time); in a
 * repeated hour the first reading is used, for starts and ends alike, so the mapping never goes back
 * in time, adjacent periods tile, and the repeated hour is counted once.
 * Assumes at most one transition within a day either side (true for every IANA zone since 1970).
 */
export function instantOf(timeZone: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY + minuteOfDay * 60_000;
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  if (before === after) {
    // Fast path: no transition nearby (the usual case).
    const t = wall - before;
    if (offsetAt(timeZone, t) === before) return t;
  }
  const early = wall - before; // the reading under the older offset
  const late = wall - after; // the reading under the newer offset
  const earlyOk = offsetAt(timeZone, early) === before;
  const lateOk = offsetAt(timeZone, late) === after;
  if (earlyOk && lateOk) return Math.min(early, late); // repeated: the first reading
  if (earlyOk) return early;
  if (lateOk) return late;
  // In the gap: the transition instant, the first one reading `after`. Offsets change on half-hour
  // UTC boundaries (see offsetAt), and the transition lies in (min, max] of the two readings.
  const step = HOUR / 2;
  const hi = Math.max(early, late);
  for (let b = Math.floor(Math.min(early, late) / step) * step + step; b <= hi; b += step) if (offsetAt(timeZone, b) === after) return b;
  return hi;
}

export function dayNumberOf(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY);
}

/** Day of week (0 = Sunday) of a day number. 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The ISO date (YYYY-MM-DD) of a day number. */
export const isoDateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * The same wall-clock time `months` calendar months later (earlier when negative) in `timeZone`, the day capped
 * at the target month's last day (30 Nov + 3 months is 28/29 Feb, not 2 Mar).
 */
export function addCalendarMonths(utcMs: number, months: number, timeZone: string): number {
  const local = new Date(utcMs + offsetAt(timeZone, utcMs));
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.floor(Date.UTC(y, m, Math.min(local.getUTCDate(), lastDay)) / DAY);
  const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
  return instantOf(timeZone, day, minuteOfDay) + (((utcMs % 60_000) + 60_000) % 60_000);
}
