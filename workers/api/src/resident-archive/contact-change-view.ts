import { z } from "@hono/zod-openapi";
import { iso } from "../http/common.ts";

export const ContactChangeView = z.object({
  id: z.string(),
  method: z.enum(["otp", "id-check"]),
  status: z.enum(["pending", "applied"]),
  newPhone: z.string().nullable(),
  newEmail: z.string().nullable(),
  appliedAt: z.string().nullable(),
});

export const contactChangeView = (r: {
  id: string;
  method: string;
  status: string;
  newPhone: string | null;
  newEmail: string | null;
  appliedAt: number | null;
}) => ({
  id: r.id,
  method: r.method as "otp" | "id-check",
  status: r.status as "pending" | "applied",
  newPhone: r.newPhone,
  newEmail: r.newEmail,
  appliedAt: iso(r.appliedAt),
});
