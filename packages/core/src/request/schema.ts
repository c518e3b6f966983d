import { z } from "zod";
import { ChannelSchema, RequestKindSchema } from "./kind.ts";

const NO_MARKUP = /<\s*\/?\s*[a-z!?]/i;
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !NO_MARKUP.test(s), { message: "must be plain text (no HTML or scripts)" });

const PHONE = /^(1[3-9]\d{9}|0\d{9,11})$/;
const phoneDigits = (s: string) =>
  s
    .trim()
    .replace(/[\s-]/g, "")
    .replace(/^(\+86|0086)/, "");

/** Mainland mobile, or a landline with area code; an optional +86 / 0086 prefix is accepted. */
export const PhoneSchema = z
  .string()
  .trim()
  .transform(phoneDigits)
  .pipe(z.string().regex(PHONE, { message: "not a valid phone number" }));

/** PhoneSchema's reading without zod, for bulk input (a 10,000-row import): the number, or null. */
export function readPhone(text: string): string | null {
  const digits = phoneDigits(text);
  return PHONE.test(digits) ? digits : null;
}

export const LocationSchema = z.union([
  z.strictObject({ unitId: z.string().min(3).max(64) }),
  z.strictObject({
    area: plainText(100),
    communityId: z.string().min(3).max(64).optional(),
    /** The building or public area of a QR poster (扫码报修). */
    placeId: z.string().min(3).max(64).optional(),
  }),
]);

const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

const requestFields = {
  kind: RequestKindSchema,
  category: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,40}$/)
    .optional(),
  description: plainText(2000),
  contact: z.strictObject({ name: plainText(40), phone: PhoneSchema, email: z.email().max(200).optional() }),
  location: LocationSchema,
  appointment: z.strictObject({ from: instant, to: instant }).optional(),
  keyLeft: z.boolean().optional(),
  attachmentIds: z.array(z.string().max(64)).max(6).optional(),
  locale: z.enum(["zh-CN", "en"]).optional(),
};

const appointmentInOrder = <T extends { appointment?: { from: number; to: number } | undefined }>(v: T) =>
  !v.appointment || v.appointment.to > v.appointment.from;
const appointmentIssue = { message: "appointment.to must be after appointment.from", path: ["appointment", "to"] };

/** A resident's request; `channel: "qr"` when the form was opened from a poster. */
export const CreateRequestInputSchema = z
  .strictObject({ ...requestFields, channel: z.enum(["portal", "qr"]).optional() })
  .refine(appointmentInOrder, appointmentIssue);
export type CreateRequestInput = z.infer<typeof CreateRequestInputSchema>;

export const StaffCreateRequestInputSchema = z
  .strictObject({
    ...requestFields,
    channel: ChannelSchema.exclude(["portal", "qr"]),
    urgencyOverride: z.strictObject({ urgency: z.enum(["urgent", "normal"]), reason: plainText(200) }).optional(),
  })
  .refine(appointmentInOrder, appointmentIssue);
export type StaffCreateRequestInput = z.infer<typeof StaffCreateRequestInputSchema>;

export const MILESTONE_NAMES = ["reply", "review", "onSite", "repaired", "response", "followUp", "callback", "progress"] as const;
export type MilestoneName = (typeof MILESTONE_NAMES)[number];
