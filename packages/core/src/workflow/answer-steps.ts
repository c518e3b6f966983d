import { z } from "zod";
import type { AnswerStep } from "./inquiry.ts";
import type { AnswerRecord } from "./record.ts";
import { field, GuardOverride, guardText, Instant, plainText, type StepTable, stepOf } from "./step.ts";

const step = stepOf<AnswerRecord>();

const MAX_PROMISE_MS = 7 * 86_400_000;

export const ANSWER_STEPS: StepTable<AnswerStep, AnswerRecord> = {
  answer: step(z.strictObject({ text: plainText(2000), override: GuardOverride }), (i, ctx) => {
    const guard = guardText(i.text, i.override, ctx);
    return {
      record: { ...ctx.record, answeredAt: ctx.now },
      publicNote: "reply",
      data: { text: i.text, ...guard },
      notices: [{ type: "request.reply", recipients: ["resident"], params: { trackingCode: ctx.request.trackingCode, text: i.text } }],
    };
  }),
  // "Later" is a tracked commitment: the promised time becomes the call-back milestone's due time.
  "promise-callback": step(z.strictObject({ at: Instant, text: plainText(500), override: GuardOverride }), (i, ctx) => {
    if (i.at < ctx.now + 60_000) throw field("at", "the promised time must be at least a minute ahead");
    if (i.at > ctx.now + MAX_PROMISE_MS) throw field("at", "promise a call-back within 7 days");
    const guard = guardText(i.text, i.override, ctx);
    return {
      record: { ...ctx.record, promisedAt: i.at },
      publicNote: "reply",
      data: { text: i.text, promisedAt: i.at, ...guard },
      dueAt: i.at,
      notices: [{ type: "request.reply", recipients: ["resident"], params: { trackingCode: ctx.request.trackingCode, text: i.text } }],
    };
  }),
  withdraw: step(z.strictObject({ reason: plainText(500) }), (i, ctx) => ({
    record: ctx.record,
    publicNote: "withdrawn",
    data: { reason: i.reason },
  })),
};
