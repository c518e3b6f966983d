import type { Locale } from "@wuye/core/i18n";
import { webEn } from "./en.ts";
import { type WebKey, webZhCN } from "./zh-CN.ts";

export type { WebKey };
export const WEB_CATALOG: Record<Locale, Record<WebKey, string>> = { "zh-CN": webZhCN, en: webEn };
