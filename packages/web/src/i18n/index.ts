import type { Locale } from "@wuye/core/i18n";
import { AREA_EN, AREA_ZH, type AreaKey } from "./areas/index.ts";
import { webEn } from "./en.ts";
import { webZhCN, type WebKey as BaseKey } from "./zh-CN.ts";

export type WebKey = BaseKey | AreaKey;
export const WEB_CATALOG: Record<Locale, Record<WebKey, string>> = {
  "zh-CN": { ...webZhCN, ...AREA_ZH },
  en: { ...webEn, ...AREA_EN },
};
