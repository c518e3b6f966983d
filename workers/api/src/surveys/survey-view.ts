import { z } from "@hono/zod-openapi";
import type { SurveyRow } from "@wuye/db";
import { iso } from "../http/common.ts";

export const SurveyView = z.object({
  id: z.string(),
  title: z.string(),
  scale: z.number(),
  questions: z.array(z.object({ id: z.string(), text: z.string(), type: z.enum(["scale", "text"]) })),
  status: z.enum(["draft", "sent", "closed"]),
  target: z.record(z.string(), z.unknown()).nullable(),
  sentAt: z.string().nullable(),
  recipients: z.number(),
  version: z.number(),
});

export const surveyView = (r: SurveyRow) => ({
  id: r.id,
  title: r.title,
  scale: r.scale,
  questions: r.questions,
  status: r.status as "draft" | "sent" | "closed",
  target: r.target ?? null,
  sentAt: iso(r.sentAt),
  recipients: r.recipients,
  version: r.version,
});
