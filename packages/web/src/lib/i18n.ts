import { CATALOG, type Locale, type MessageKey } from "@wuye/core/i18n";
import { WEB_CATALOG, type WebKey } from "../i18n/index.ts";

export type { Locale };
export type TextKey = MessageKey | WebKey;

let locale: Locale = localStorage.getItem("locale") === "en" ? "en" : "zh-CN";
const listeners = new Set<() => void>();

export const currentLocale = () => locale;
export function setLocale(next: Locale) {
  locale = next;
  localStorage.setItem("locale", next);
  document.documentElement.lang = next;
  for (const l of listeners) l();
}
export function onLocaleChange(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Every user-visible text goes through here: the web catalog first, then the shared domain catalog. */
export function tr(key: TextKey, params: Record<string, string | number> = {}): string {
  const template = (WEB_CATALOG[locale] as Record<string, string>)[key] ?? (CATALOG[locale] as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A domain term from the shared catalog (kind, milestone, state, step…), falling back to the raw code. */
export function term(
  prefix:
    | "kind"
    | "milestone"
    | "state"
    | "step"
    | "channel"
    | "role"
    | "urgency"
    | "status"
    | "notice.status"
    | "notice.category"
    | "unit",
  code: string | null | undefined,
): string {
  if (!code) return "";
  const key = `${prefix}.${code}`;
  return (CATALOG[locale] as Record<string, string>)[key] ?? (WEB_CATALOG[locale] as Record<string, string>)[key] ?? code;
}

/** Times read in the branch's zone wherever the reader is (a branch's profile sets it), Shanghai until known. */
let displayZone = "Asia/Shanghai";
export function setDisplayZone(zone: string) {
  displayZone = zone;
}
export const fmtDateTime = (iso: string | number | null | undefined) =>
  iso === null || iso === undefined
    ? "—"
    : new Date(iso).toLocaleString(locale, {
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
        timeZone: displayZone,
      });
export const fmtDate = (iso: string) => new Date(iso).toLocaleDateString(locale, { timeZone: displayZone });
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? "—" : `¥${(fen / 100).toFixed(2)}`);

/** "1 h 05 min" in the current language. */
export function fmtDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return tr("w.dur.m", { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return tr("w.dur.hm", { h: hours, m: minutes % 60 });
  return tr("w.dur.dh", { d: Math.floor(hours / 24), h: hours % 24 });
}
