import { BadInput } from "@wuye/core";
import { foreignReferences, type Reference, type ReferenceKind } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";

/** The references of one body field: none for an absent value, one per element of a list (`path.i`). */
export function refs(kind: ReferenceKind, path: string, ids: string | readonly string[] | null | undefined): Reference[] {
  if (ids === null || ids === undefined) return [];
  if (typeof ids === "string") return [{ kind, path, id: ids }];
  return ids.map((id, i) => ({ kind, path: `${path}.${i}`, id }));
}

const NOT_HERE: Record<ReferenceKind, string> = {
  request: "not a request of this branch",
  attachment: "not a photo uploaded to this branch",
  unit: "not a unit of this branch",
  community: "not a community of this branch",
  building: "not a building of this branch",
  staff: "not an active staff member of this branch",
};

/**
 * Every id a body names must be the console branch's own: one check for every route, so a case, a notice or a
 * survey can never point into another tenant. Another branch's id and an unknown one get the same answer.
 */
export async function requireOwnReferences(c: Context<HonoEnv>, ...fields: Reference[][]): Promise<void> {
  const all = fields.flat();
  if (all.length === 0) return;
  const { branch, db } = c.var.tenant;
  const foreign = await foreignReferences({ branch: db, control: c.var.services.control }, branch.id, all);
  if (foreign.length)
    throw new BadInput(
      "unknown reference",
      foreign.map((r) => ({ path: r.path, message: NOT_HERE[r.kind] })),
    );
}
