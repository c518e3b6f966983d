import { z } from "zod";
import { OneTimeCodeSchema } from "../resident/one-time-code.ts";
import { PhoneSchema } from "../request/schema.ts";
import { NOTICE_CATEGORIES } from "./notice.ts";
import { ID_TYPES } from "./visitor.ts";

// Inputs of the front-desk routes: strict, plain text only, sizes bounded.
const NO_MARKUP = /<\s*\/?\s*[a-z!?]/i;
const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !NO_MARKUP.test(s), { message: "must be plain text (no HTML or scripts)" });
const ref = z.string().min(3).max(64);
const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

export const NoticeAudienceSchema = z.strictObject({
  communityIds: z.array(ref).max(50).optional(),
  buildingIds: z.array(ref).max(200).optional(),
});

const noticeFields = {
  title: text(100),
  body: text(5000),
  category: z.enum(NOTICE_CATEGORIES),
  audience: NoticeAudienceSchema.optional(),
  publishAt: instant.optional(),
  expiresAt: instant.optional(),
};
const expiryAfterPublish = (v: { publishAt?: number | undefined; expiresAt?: number | undefined }) =>
  v.expiresAt === undefined || v.publishAt === undefined || v.expiresAt > v.publishAt;

export const NoticeDraftInputSchema = z
  .strictObject(noticeFields)
  .refine(expiryAfterPublish, { path: ["expiresAt"], message: "must be after publishAt" });
export const NoticeEditInputSchema = z
  .strictObject(noticeFields)
  .partial()
  .refine(expiryAfterPublish, { path: ["expiresAt"], message: "must be after publishAt" })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });
export const NoticeEmergencyInputSchema = z.strictObject({
  title: text(100),
  body: text(5000),
  audience: NoticeAudienceSchema.optional(),
  expiresAt: instant.optional(),
});
export const NoticeReturnInputSchema = z.strictObject({ comment: text(500, 2) });

export const VisitorInputSchema = z.strictObject({
  name: text(40),
  idType: z.enum(ID_TYPES),
  /** Checked at the desk; only the last 4 characters are kept. */
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,20}$/, { message: "6–20 letters or digits" }),
  hostUnitId: ref,
  hostContacted: z.boolean(),
  /** Whom the desk reached (a staff id); defaults to the registering staff when the host was contacted. */
  contactedBy: ref.optional(),
  purpose: text(200).optional(),
  inAt: instant.optional(),
});

export const ShiftHandoverInputSchema = z.strictObject({
  shift: z.enum(["day", "night", "other"]),
  notes: text(2000).optional(),
  /** Items the shift adds by hand, besides those filled in from the system. */
  items: z.array(text(500)).max(50).optional(),
});
/** The one handing over corrects the list before it is signed: notes replaced, items removed or added. */
export const ShiftHandoverEditInputSchema = z
  .strictObject({
    notes: z.union([text(2000), z.literal("")]).optional(),
    removeItemIds: z.array(ref).max(200).optional(),
    addItems: z.array(text(500)).max(50).optional(),
  })
  .refine((v) => v.notes !== undefined || !!v.removeItemIds?.length || !!v.addItems?.length, { message: "nothing to change" });
export const ShiftHandoverSignInputSchema = z.strictObject({
  /** Items the incoming shift takes over; any left out stay unsigned and the handover is flagged. */
  itemIds: z.array(ref).max(200).optional(),
  note: text(500).optional(),
});

export const DUTY_LOG_KINDS = ["abnormal", "routine", "safety", "equipment", "other"] as const;
export const DutyLogInputSchema = z.strictObject({
  kind: z.enum(DUTY_LOG_KINDS),
  what: text(1000),
  handled: text(1000),
  at: instant.optional(),
});

export const SurveyQuestionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/),
  text: text(300),
  type: z.enum(["scale", "text"]).default("scale"),
});
export const SurveyInputSchema = z.strictObject({
  title: text(100),
  /** Answers on a 1..scale scale. */
  scale: z.union([z.literal(5), z.literal(10)]).default(5),
  questions: z
    .array(SurveyQuestionSchema)
    .min(1)
    .max(30)
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { message: "question ids must be unique" }),
});
/** Whom a survey goes to: the verified residents of a community, of a building, every verified one, or those of recently closed requests. */
export const SurveySendInputSchema = z.union([
  z.strictObject({ communityId: ref }),
  z.strictObject({ buildingId: ref }),
  z.strictObject({ allVerified: z.literal(true) }),
  z.strictObject({ closedRequestsSince: instant }),
]);
export const SurveyAnswerInputSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        questionId: z.string().min(1).max(31),
        score: z.number().int().min(1).max(10).optional(),
        text: text(1000).optional(),
      }),
    )
    .min(1)
    .max(30),
});

export const ForumMeetingInputSchema = z.strictObject({
  heldAt: instant,
  communityId: ref.optional(),
  attendees: z.number().int().min(0).max(10_000),
  minutes: text(10_000),
  points: z
    .array(z.strictObject({ text: text(1000), raisedBy: text(60).optional() }))
    .min(1)
    .max(100),
});
export const ForumReplyInputSchema = z.strictObject({ reply: text(2000) });

/** A change of contact details: after a one-time code to the old contact, or after staff checked the ID. */
export const ContactChangeInputSchema = z
  .discriminatedUnion("method", [
    z.strictObject({ method: z.literal("otp"), newPhone: PhoneSchema.optional(), newEmail: z.email().max(200).optional() }),
    z.strictObject({
      method: z.literal("id-check"),
      newPhone: PhoneSchema.optional(),
      newEmail: z.email().max(200).optional(),
      idType: z.enum(ID_TYPES),
      idLast4: z.string().regex(/^[0-9A-Za-z]{4}$/),
      reason: text(500, 4),
    }),
  ])
  .refine((v) => v.newPhone !== undefined || v.newEmail !== undefined, { path: ["newPhone"], message: "give a new phone or email" });
export const ContactChangeConfirmSchema = z.strictObject({ code: OneTimeCodeSchema });
