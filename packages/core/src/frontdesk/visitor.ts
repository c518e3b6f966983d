import { can } from "../auth/permission.ts";
import { ROLES, type Role } from "../auth/role.ts";
import { offsetAt } from "../deadline/zoned-time.ts";
import { DomainError } from "../errors/index.ts";

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

/** Roles that register visitors while the night rule is in force (the night duty manager, and the manager above). */
export const NIGHT_REGISTRARS: readonly Role[] = ROLES.filter((r) => can(r, "visitor.registerAtNight"));

/** The night rule refused a registration: 403 with the hours and who registers then, in the reader's language. */
export class NightRuleRefused extends DomainError {
  constructor(shift: NightShift) {
    super("night_rule", `between ${shift.from} and ${shift.to} only the night duty manager registers visitors`, {
      explain: { key: "error.night_rule.detail", params: { from: shift.from, to: shift.to } },
      detail: { rule: "night-visitor", from: shift.from, to: shift.to, allowedRoles: [...NIGHT_REGISTRARS] },
    });
  }
}

/**
 * The night rule for one registration at `at`: the permission it needs, or a `NightRuleRefused` when the rule is in
 * force and the role is not one that registers at night. A role that never registers visitors is the caller's check.
 */
export function checkVisitorRegistration(role: Role, at: number, timeZone: string, shift: NightShift) {
  const needed = visitorRegistrationAction(at, timeZone, shift);
  if (needed === "visitor.registerAtNight" && can(role, "visitor.register") && !can(role, needed)) throw new NightRuleRefused(shift);
  return needed;
}

export const ID_TYPES = ["resident-id", "passport", "hk-macau-permit", "taiwan-permit", "driving-licence", "other"] as const;
export type IdType = (typeof ID_TYPES)[number];

/** An ID number as it is stored and shown: everything but the last 4 characters masked. */
export function maskIdNumber(raw: string): string {
  const s = raw.replace(/\s+/g, "").toUpperCase();
  if (s.length <= 4) return "*".repeat(s.length);
  return `${"*".repeat(s.length - 4)}${s.slice(-4)}`;
}
