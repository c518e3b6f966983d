import { z } from "zod";
import { type RequestKind, RequestKindSchema, type Urgency } from "./kind.ts";

export const CategorySchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  kind: RequestKindSchema,
  name: z.strictObject({ "zh-CN": z.string().min(1).max(60), en: z.string().min(1).max(60) }),
  urgent: z.boolean().default(false),
  /** The technician skill a repair of this category needs (a code of the branch's skills). */
  skill: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}$/)
    .optional(),
});
export type Category = z.infer<typeof CategorySchema>;

const c = (code: string, kind: RequestKind, zh: string, en: string, urgent = false): Category => ({
  code,
  kind,
  name: { "zh-CN": zh, en },
  urgent,
});

/** Default list from DOMAIN.md "Repairs": urgent items first, then normal ones. A branch edits its own copy. */
export const DEFAULT_CATEGORIES: Category[] = [
  c("shared-equipment-danger", "repair", "共用部位/设备损坏且有危险", "Dangerous damage to shared parts or equipment", true),
  c("power-failure", "repair", "线路故障停电或漏电", "Power cut or leakage from a wiring fault", true),
  c("water-outage", "repair", "水泵故障或爆管停水", "Water cut from a pump failure or burst pipe", true),
  c("severe-tap-leak", "repair", "水龙头严重漏水", "Tap leaking badly", true),
  c("drain-blocked", "repair", "下水管堵塞或设备漏水", "Blocked down-pipe or leaking equipment", true),
  c("elevator-failure", "repair", "电梯故障", "Elevator failure", true),
  c("floor-stair-broken", "repair", "楼板、楼梯踏步损坏", "Broken floor boards or stair treads", true),
  c("railing-loose", "repair", "阳台或楼梯栏杆松动损坏", "Loose or broken balcony or stair railing", true),
  c("other-danger", "repair", "其他有危险的损坏", "Other dangerous damage", true),
  c("door-window", "repair", "门窗维修", "Doors and windows"),
  c("water-fixture", "repair", "水暖配件维修", "Water fixture parts"),
  c("roof-leak", "repair", "屋面渗漏", "Roof leak"),
  c("small-repair", "repair", "小修及便民服务", "Small repairs and convenience services"),
  c("equipment", "complaint", "设备设施(照明、供水、供电、电梯)", "Equipment (lighting, water, power, elevators)"),
  c("attitude", "complaint", "服务态度", "Service attitude"),
  c("quality", "complaint", "服务质量", "Service quality"),
  c("sudden-event", "complaint", "突发事件(停水停电等)", "Sudden events (cuts)"),
  c("property-info", "inquiry", "物业服务与设施", "Property services and facilities"),
  c("area-info", "inquiry", "周边信息", "The area"),
  c("regulations", "inquiry", "管理规定", "Regulations"),
  c("find-resident", "inquiry", "寻人/找单元", "Finding a resident or unit"),
  c("medical", "medical", "急救病人求助", "Medical emergency", true),
  c("theft", "security", "盗窃", "Theft", true),
  c("fight", "security", "打架斗殴", "Fight", true),
  c("robbery", "security", "抢劫", "Robbery", true),
  c("poisoning", "security", "中毒", "Poisoning", true),
  c("traffic-accident", "security", "交通事故", "Traffic accident", true),
  c("flooding", "disaster", "水浸", "Flooding", true),
  c("fire", "disaster", "火灾", "Fire", true),
  c("everyday-help", "help", "其他生活求助", "Other everyday help"),
  c("suggestion", "suggestion", "建议", "Suggestion"),
];

/**
 * A category's name in `locale` from the default list, for readers who do not have the branch's own list (head
 * office's reports); null for a code the default list does not know (one a branch added).
 */
export function defaultCategoryName(kind: string, code: string, locale: "zh-CN" | "en"): string | null {
  const found = DEFAULT_CATEGORIES.find((x) => x.code === code && x.kind === kind) ?? DEFAULT_CATEGORIES.find((x) => x.code === code);
  return found ? found.name[locale] : null;
}

/** Urgency of a request from the branch's category list; a staff override (with a reason) wins. */
export function classifyUrgency(
  categories: readonly Category[],
  kind: RequestKind,
  categoryCode: string | undefined,
  override?: Urgency,
): Urgency {
  if (override) return override;
  if (kind === "medical" || kind === "security" || kind === "disaster") return "urgent";
  const category = categories.find((x) => x.code === categoryCode && x.kind === kind);
  return category?.urgent ? "urgent" : "normal";
}
