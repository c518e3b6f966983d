import { z } from "@hono/zod-openapi";
import { ID_TYPES } from "@wuye/core";
import type { VisitorRow } from "@wuye/db";
import { iso } from "../http/common.ts";

// The slip carries the host's unit, never the host's phone: a visitor asking for a resident does not get it;
// the desk calls the resident and records that it did (hostContacted, contactedBy).
export const VisitorView = z.object({
  id: z.string(),
  name: z.string(),
  idType: z.enum(ID_TYPES),
  idNumber: z.string().openapi({ description: "masked except the last 4 characters" }),
  hostUnitId: z.string(),
  hostContacted: z.boolean(),
  contactedBy: z.string().nullable(),
  purpose: z.string().nullable(),
  inAt: z.string(),
  outAt: z.string().nullable(),
  registeredBy: z.string(),
  registeredRole: z.string(),
  night: z.boolean(),
  version: z.number(),
});

export const visitorView = (v: VisitorRow) => ({
  id: v.id,
  name: v.name,
  idType: v.idType as (typeof ID_TYPES)[number],
  idNumber: v.idMasked,
  hostUnitId: v.hostUnitId,
  hostContacted: v.hostContacted,
  contactedBy: v.contactedBy,
  purpose: v.purpose,
  inAt: iso(v.inAt),
  outAt: iso(v.outAt),
  registeredBy: v.registeredBy,
  registeredRole: v.registeredRole,
  night: v.night,
  version: v.version,
});
