import { z } from "zod";
import { DEFAULT_SMS_DAILY_BUDGET } from "../notification/sms-limits.ts";
import { NOTICE_TYPES, QuietHoursSchema } from "../notification/types.ts";
import { DEFAULT_REPLY_GUARD_LIST, ReplyGuardListSchema } from "../reply-language/guard.ts";
import { CategorySchema, DEFAULT_CATEGORIES } from "../request/category.ts";

const ProviderSchema = z.strictObject({ url: z.url(), token: z.string().min(1).max(500) });

/** Where a branch's notices go besides the in-app inboxes; secrets live here, never in responses. */
export const NotificationSettingsSchema = z.strictObject({
  quietHours: QuietHoursSchema.default({ from: "22:00", to: "07:00" }),
  webhook: z
    .strictObject({ url: z.url(), secret: z.string().min(16).max(200), types: z.array(z.enum(NOTICE_TYPES)).optional() })
    .optional(),
  sms: ProviderSchema.optional(),
  email: ProviderSchema.optional(),
});

const SkillCode = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/);

/** A technician skill the branch names itself (zh and en), referred to by its code in staff records and the price list. */
export const SkillSchema = z.strictObject({
  code: SkillCode,
  name: z.strictObject({ zh: z.string().trim().min(1).max(30), en: z.string().trim().min(1).max(40) }),
});
export type Skill = z.infer<typeof SkillSchema>;

const skill = (code: string, zh: string, en: string): Skill => ({ code, name: { zh, en } });
/** The trades of a property branch's engineering department (工程部); each branch edits its own list. */
export const DEFAULT_SKILLS: Skill[] = [
  skill("plumbing", "水暖", "Plumbing"),
  skill("electrical", "电工", "Electrical"),
  skill("carpentry", "木工", "Carpentry"),
  skill("waterproofing", "防水", "Waterproofing"),
  skill("elevator", "电梯", "Elevators"),
  skill("general", "综合维修", "General repairs"),
];

/** A skill's name in the reader's language; an unknown code (since removed from the list) shows as itself. */
export function skillName(skills: readonly Skill[], code: string, locale: string): string {
  const s = skills.find((x) => x.code === code);
  return s ? (locale === "en" ? s.name.en : s.name.zh) : code;
}

export const PriceItemSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/),
  name: z.strictObject({ "zh-CN": z.string().min(1).max(60), en: z.string().min(1).max(60) }),
  unit: z.string().min(1).max(20),
  /** Price in fen (CNY cents) so sums are exact. */
  labourFen: z.number().int().min(0).max(10_000_000),
  materialFen: z.number().int().min(0).max(10_000_000).default(0),
  /** The technician skill the item needs (dispatch prefers technicians who have it). */
  skill: SkillCode.optional(),
});
export type PriceItem = z.infer<typeof PriceItemSchema>;

/** How the branch runs its workflows (DOMAIN.md "Repairs" step 8, "Feedback and improvement"). */
export const WorkflowSettingsSchema = z.strictObject({
  /** An unsatisfied follow-up visit reopens the request (back to the service center / to handling). */
  reopenOnUnsatisfied: z.boolean().default(true),
  /** Warranty on repairs: rework on the same item and unit within it is linked and free. */
  warrantyMonths: z.number().int().min(0).max(60).default(3),
});
export type WorkflowSettings = z.infer<typeof WorkflowSettingsSchema>;
const DEFAULT_WORKFLOW: WorkflowSettings = { reopenOnUnsatisfied: true, warrantyMonths: 3 };

/** What a branch can change in its own settings (versioned; changes apply to new milestones only). */
export const BranchSettingsSchema = z.strictObject({
  categories: z
    .array(CategorySchema)
    .min(1)
    .max(200)
    .superRefine((items, ctx) => {
      // Requests name their category by code: two categories with one code would be ambiguous.
      const seen = new Set<string>();
      items.forEach((c, i) => {
        if (seen.has(c.code)) ctx.addIssue({ code: "custom", message: "this code is already used by another category", path: [i, "code"] });
        seen.add(c.code);
      });
    }),
  priceList: z
    .array(PriceItemSchema)
    .max(500)
    .superRefine((items, ctx) => {
      // Quotes and work orders name an item by its code: two items with one code would be ambiguous.
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.code)) ctx.addIssue({ code: "custom", message: "this code is already used by another item", path: [i, "code"] });
        seen.add(item.code);
      });
    }),
  /** Technician skills by code with their names (dispatch matches them; the chooser shows the names). */
  skills: z
    .array(SkillSchema)
    .max(50)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((s, i) => {
        if (seen.has(s.code)) ctx.addIssue({ code: "custom", message: "this code is already used by another skill", path: [i, "code"] });
        seen.add(s.code);
      });
    })
    .default(() => DEFAULT_SKILLS.map((s) => ({ ...s, name: { ...s.name } }))),
  /** Public limits per phone / IP per day on the portal. */
  publicDailyLimit: z.number().int().min(1).max(1000).default(10),
  /** Texts the branch pays for per day (its time zone); past it only urgent notices are texted, the rest held. */
  smsDailyBudget: z.number().int().min(0).max(100_000).default(DEFAULT_SMS_DAILY_BUDGET),
  nightShift: z
    .strictObject({ from: z.string().regex(/^\d\d:\d\d$/), to: z.string().regex(/^\d\d:\d\d$/) })
    .default({ from: "20:00", to: "08:00" }),
  notifications: NotificationSettingsSchema.default({ quietHours: { from: "22:00", to: "07:00" } }),
  /** Words and phrases resident-facing replies must avoid (defaults from DOMAIN.md). */
  replyGuard: ReplyGuardListSchema.default(() => [...DEFAULT_REPLY_GUARD_LIST]),
  workflow: WorkflowSettingsSchema.default(DEFAULT_WORKFLOW),
});
export type BranchSettings = z.infer<typeof BranchSettingsSchema>;

const part = BranchSettingsSchema.shape;
/**
 * A change to some parts of the settings (PATCH): every part optional, and a part left out stays as it is.
 * Not `BranchSettingsSchema.partial()`: zod 4 fills a missing part that has a default with that default, so a
 * change to the price list alone would reset the night shift, the reply guard and the notification channels
 * (with their secrets) to the defaults.
 */
export const BranchSettingsPatchSchema = z.strictObject({
  categories: part.categories.optional(),
  priceList: part.priceList.optional(),
  skills: part.skills.unwrap().optional(),
  publicDailyLimit: part.publicDailyLimit.unwrap().optional(),
  smsDailyBudget: part.smsDailyBudget.unwrap().optional(),
  nightShift: part.nightShift.unwrap().optional(),
  notifications: part.notifications.unwrap().optional(),
  replyGuard: part.replyGuard.unwrap().optional(),
  workflow: part.workflow.unwrap().optional(),
} satisfies Record<keyof BranchSettings, z.ZodType>);
export type BranchSettingsPatch = z.infer<typeof BranchSettingsPatchSchema>;

const item = (code: string, zh: string, en: string, unit: string, labour: number, material: number, skill: string): PriceItem => ({
  code,
  name: { "zh-CN": zh, en },
  unit,
  labourFen: labour * 100,
  materialFen: material * 100,
  skill,
});

/** A small published price list (《维修项目收费标准》) for the demo; each branch keeps its own. */
export const DEFAULT_PRICE_LIST: PriceItem[] = [
  item("tap-washer", "更换水龙头阀芯", "Replace tap cartridge", "个", 20, 15, "plumbing"),
  item("tap-replace", "更换水龙头", "Replace tap", "个", 30, 0, "plumbing"),
  item("drain-unblock", "疏通下水道", "Unblock drain", "次", 50, 0, "plumbing"),
  item("toilet-fill-valve", "更换马桶进水阀", "Replace toilet fill valve", "套", 30, 35, "plumbing"),
  item("socket-replace", "更换插座/开关", "Replace socket or switch", "个", 15, 12, "electrical"),
  item("light-replace", "更换灯具", "Replace light fitting", "盏", 20, 0, "electrical"),
  item("door-lock", "更换门锁", "Replace door lock", "把", 40, 0, "carpentry"),
  item("window-hinge", "维修窗户合页", "Repair window hinge", "个", 25, 10, "carpentry"),
  item("leak-seal", "防水补漏", "Leak sealing", "平方米", 80, 40, "waterproofing"),
];

export function defaultBranchSettings(): BranchSettings {
  return {
    categories: DEFAULT_CATEGORIES,
    priceList: DEFAULT_PRICE_LIST,
    skills: DEFAULT_SKILLS,
    publicDailyLimit: 10,
    smsDailyBudget: DEFAULT_SMS_DAILY_BUDGET,
    nightShift: { from: "20:00", to: "08:00" },
    notifications: { quietHours: { from: "22:00", to: "07:00" } },
    replyGuard: [...DEFAULT_REPLY_GUARD_LIST],
    workflow: DEFAULT_WORKFLOW,
  };
}

/** A branch's stored settings row, validated: its lists and notification settings (the policy is read apart). */
export function readBranchSettings(raw: Record<string, unknown> | null | undefined): BranchSettings {
  const { policy: _policy, ...rest } = raw ?? {};
  return BranchSettingsSchema.parse(Object.keys(rest).length ? rest : defaultBranchSettings());
}
