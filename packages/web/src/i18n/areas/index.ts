// Every screen area's texts, merged into the web catalog (../index.ts). One import and one spread per area.
import { adminTexts } from "./admin.ts";
import { approvalTexts } from "./approvals.ts";
import { caseTexts } from "./cases.ts";
import { detailTexts } from "./details.ts";
import { frontdeskTexts } from "./frontdesk.ts";
import { managerTexts } from "./manager.ts";
import { noticeTexts } from "./notices.ts";
import { photoTexts } from "./photos.ts";
import { placeTexts } from "./places.ts";
import { privacyTexts } from "./privacy.ts";
import { registerTexts } from "./register.ts";
import { smsTexts } from "./sms.ts";
import { staffTexts } from "./staff.ts";
import { supervisionTexts } from "./supervision.ts";
import { userTexts } from "./users.ts";
import { workdayTexts } from "./workday.ts";

// An area file: `export const staffTexts = defineTexts({ "w.staff.title": ["员工", "Staff"], … });` (see ../define.ts).

const areas = [
  adminTexts,
  approvalTexts,
  caseTexts,
  detailTexts,
  frontdeskTexts,
  managerTexts,
  noticeTexts,
  photoTexts,
  placeTexts,
  privacyTexts,
  registerTexts,
  smsTexts,
  staffTexts,
  supervisionTexts,
  userTexts,
  workdayTexts,
] as const;

type KeysOf<T> = T extends unknown ? Extract<keyof T, string> : never;
type Keys = KeysOf<(typeof areas)[number]["zh"]>;

export const AREA_ZH = Object.assign({}, ...areas.map((a) => a.zh)) as Record<Keys, string>;
export const AREA_EN = Object.assign({}, ...areas.map((a) => a.en)) as Record<Keys, string>;
export type AreaKey = Keys;
