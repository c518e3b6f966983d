import { offsetAt } from "../deadline/zoned-time.ts";

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

export interface NightShift {
  from: string; // "HH:MM", local
  to: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
};

/** Local minute of the day (0–1439) of an instant in a zone. */
export function localMinuteOfDay(timeZone: string, at: number): number {
  const local = at + offsetAt(timeZone, at);
  return ((Math.floor(local / MINUTE) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

/**
 * True while the night shift runs: [from, to) in the branch's local time, wrapping midnight when
 * `from` is after `to` (20:00–08:00). Equal bounds mean no night shift.
 */
export function isNightShift(at: number, timeZone: string, shift: NightShift): boolean {
  const m = localMinuteOfDay(timeZone, at);
  const from = minutesOf(shift.from);
  const to = minutesOf(shift.to);
  if (from === to) return false;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** The permission a visitor registration needs at `at`: at night only the night duty manager registers. */
export function visitorRegistrationAction(at: number, timeZone: string, shift: NightShift): "visitor.register" | "visitor.registerAtNight" {
  return isNightShift(at, timeZone, shift) ? "visitor.registerAtNight" : "visitor.register";
}

export const ID_TYPES = ["resident-id", "passport", "hk-macau-permit", "taiwan-permit", "driving-licence", "other"] as const;
export type IdType = (typeof ID_TYPES)[number];

/** An ID number as it is stored and shown: everything but the last 4 characters masked. */
export function maskIdNumber(raw: string): string {
  const s = raw.replace(/\s+/g, "").toUpperCase();
  if (s.length <= 4) return "*".repeat(s.length);
  return `${"*".repeat(s.length - 4)}${s.slice(-4)}`;
}
