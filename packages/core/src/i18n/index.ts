import { en } from "./en.ts";
import { type MessageKey, zhCN } from "./zh-CN.ts";

export type { MessageKey };
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const CATALOG: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOG[locale][key] ?? CATALOG["zh-CN"][key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks zh-CN unless the caller clearly prefers English (Accept-Language or an explicit choice). */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return "zh-CN";
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh-CN";
}
