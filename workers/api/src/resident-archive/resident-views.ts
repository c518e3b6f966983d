import { z } from "@hono/zod-openapi";

export const ResidentItem = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().openapi({ description: "masked" }),
  unitId: z.string().nullable(),
  verified: z.boolean(),
  createdAt: z.string(),
});
export const ResidentDetail = ResidentItem.extend({
  phone: z.string(),
  requests: z.array(
    z.object({
      id: z.string(),
      trackingCode: z.string(),
      kind: z.string(),
      status: z.string(),
      description: z.string(),
      createdAt: z.string(),
    }),
  ),
  email: z.string().nullable(),
  locale: z.string(),
  channels: z.array(z.string()),
  verifiedAt: z.string().nullable(),
  updatedAt: z.string(),
});
