import { z } from "@hono/zod-openapi";
import { handoverState } from "@wuye/core";
import type { findHandover } from "@wuye/db";
import { iso } from "../http/common.ts";

const ItemView = z.object({
  id: z.string(),
  source: z.enum(["request", "milestone", "note"]),
  refId: z.string().nullable(),
  text: z.string(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
});
export const ShiftHandoverView = z.object({
  id: z.string(),
  shift: z.string(),
  notes: z.string().nullable(),
  writtenBy: z.string(),
  createdAt: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  signNote: z.string().nullable(),
  status: z.enum(["awaiting", "signed", "partial"]),
  unsignedItems: z.number(),
  flagged: z.boolean().openapi({ description: "shown to the supervisor: signed with items left, or not signed in time" }),
  items: z.array(ItemView),
  version: z.number(),
});

type Loaded = NonNullable<Awaited<ReturnType<typeof findHandover>>>;

export function shiftHandoverView(h: Loaded, now: number) {
  const state = handoverState(h, now);
  return {
    id: h.id,
    shift: h.shift,
    notes: h.notes,
    writtenBy: h.writtenBy,
    createdAt: iso(h.createdAt),
    signedBy: h.signedBy,
    signedAt: iso(h.signedAt),
    signNote: h.signNote,
    ...state,
    items: h.items.map((i) => ({
      id: i.id,
      source: i.source as "request" | "milestone" | "note",
      refId: i.refId,
      text: i.text,
      signedAt: iso(i.signedAt),
      signedBy: i.signedBy,
    })),
    version: h.version,
  };
}
