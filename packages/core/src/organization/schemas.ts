import { z } from "zod";
import { TimeZoneSchema } from "../deadline/calendar.ts";
import { TRACKING_PREFIX_PATTERN } from "../id/index.ts";
import { plainText } from "../workflow/step.ts";
import { BranchStatusSchema } from "./branch-status.ts";

/** Names a branch's database (`branch-<slug>`) and its portal address: lowercase, digits and dashes. */
export const BranchSlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, { message: "2–40 lowercase letters, digits or dashes, starting with a letter" });
export const TrackingPrefixSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TRACKING_PREFIX_PATTERN, { message: "2–8 capital letters or digits" });
/** A hotline as printed: landline, mobile or a 400/800 number, with optional dashes and spaces. */
export const HotlineSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,19}$/, { message: "not a valid phone number" });
const Id = z.string().min(3).max(64);

export const RegionInputSchema = z.strictObject({ name: plainText(60) });
export type RegionInput = z.infer<typeof RegionInputSchema>;

/** A new branch (管理处): what the organization administrator types; its database is created from it. */
export const BranchCreateSchema = z.strictObject({
  slug: BranchSlugSchema,
  name: plainText(60),
  nameEn: plainText(80),
  trackingPrefix: TrackingPrefixSchema,
  servicePhone: HotlineSchema,
  complaintPhone: HotlineSchema,
  timeZone: TimeZoneSchema.default("Asia/Shanghai"),
  /** null: the branch reports to head office directly. */
  regionId: Id.nullable().default(null),
});
export type BranchCreate = z.infer<typeof BranchCreateSchema>;

export const BranchRenameSchema = z
  .strictObject({ name: plainText(60).optional(), nameEn: plainText(80).optional() })
  .refine((v) => v.name !== undefined || v.nameEn !== undefined, { message: "give name or nameEn", path: ["name"] });
export const BranchMoveSchema = z.strictObject({ regionId: Id.nullable() });
/** Deleting a branch drops its database: the administrator types the slug to confirm. */
export const BranchDeleteSchema = z.strictObject({ confirm: z.string().max(64) });
/** Where a restored export goes: a new branch with this slug (default: the exported one) and prefix. */
export const BranchRestoreQuerySchema = z.strictObject({
  slug: BranchSlugSchema.optional(),
  trackingPrefix: TrackingPrefixSchema.optional(),
});

export const RegionViewSchema = z.object({ id: z.string(), name: z.string(), branches: z.number().int() });
export const BranchViewSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  nameEn: z.string(),
  trackingPrefix: z.string(),
  servicePhone: z.string(),
  complaintPhone: z.string(),
  timeZone: z.string(),
  regionId: z.string().nullable(),
  status: BranchStatusSchema,
  suspendedAt: z.string().nullable(),
  unitCount: z.number().int(),
  createdAt: z.string(),
});
export type BranchView = z.infer<typeof BranchViewSchema>;
