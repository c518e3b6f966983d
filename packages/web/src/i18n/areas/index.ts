// Every screen area's texts, merged into the web catalog (../index.ts). One import and one spread per area.
import { caseTexts } from "./cases.ts";
import { privacyTexts } from "./privacy.ts";

// An area file: `export const staffTexts = defineTexts({ "w.staff.title": ["员工", "Staff"], … });` (see ../define.ts).

const areas = [caseTexts, privacyTexts] as const;

type KeysOf<T> = T extends unknown ? Extract<keyof T, string> : never;
type Keys = KeysOf<(typeof areas)[number]["zh"]>;

export const AREA_ZH = Object.assign({}, ...areas.map((a) => a.zh)) as Record<Keys, string>;
export const AREA_EN = Object.assign({}, ...areas.map((a) => a.en)) as Record<Keys, string>;
export type AreaKey = Keys;
