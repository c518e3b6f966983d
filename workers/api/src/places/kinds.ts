import { z } from "@hono/zod-openapi";
import {
  BadInput,
  BuildingInputSchema,
  BuildingPatchSchema,
  CommunityInputSchema,
  CommunityPatchSchema,
  NotFound,
  StaleVersion,
  PublicAreaInputSchema,
  PublicAreaPatchSchema,
  UnitInputSchema,
  UnitPatchSchema,
  type PlaceKind,
} from "@wuye/core";
import { findPlace, type PlaceTable } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { expectedVersion } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import type { Services } from "../services.ts";

/** Per kind of place: its input schemas and id prefix. The routes are the same four shapes for each. */
export const KINDS = {
  communities: { create: CommunityInputSchema, patch: CommunityPatchSchema, prefix: "cmt", label: "community" },
  buildings: { create: BuildingInputSchema, patch: BuildingPatchSchema, prefix: "bld", label: "building" },
  units: { create: UnitInputSchema, patch: UnitPatchSchema, prefix: "unit", label: "unit" },
  "public-areas": { create: PublicAreaInputSchema, patch: PublicAreaPatchSchema, prefix: "pa", label: "public area" },
} as const satisfies Record<PlaceKind, unknown>;

export const PlaceView = z.record(z.string(), z.unknown());

/** A place of this branch, or 404: another branch's place is not found. */
export async function placeOfBranch(s: Services, kind: PlaceTable, id: string, branchId: string) {
  const found = await findPlace(s.control, kind, id);
  if (!found || found.branchId !== branchId) throw new NotFound(KINDS[kind].label);
  return found.row as Record<string, unknown> & { id: string; version: number };
}

/** A parent named in a body must be the branch's own: 400 naming the field. */
export async function parentOfBranch(s: Services, kind: PlaceTable, id: string, branchId: string, field: string) {
  const found = await findPlace(s.control, kind, id);
  if (!found || found.branchId !== branchId)
    throw new BadInput(`unknown ${KINDS[kind].label}`, [{ path: field, message: `no such ${KINDS[kind].label} in this branch` }]);
  return found.row as Record<string, unknown> & { id: string };
}

/** The validated input of a route built for any kind (generic routes lose hono's per-target typing). */
export const validated = <T>(c: { req: { valid: (target: never) => unknown } }, target: "json" | "param") =>
  c.req.valid(target as never) as T;

/** A change or deletion: the manager's permission, the branch's own place, and the version the client saw (412). */
export async function placeToChange(c: Context<HonoEnv>, kind: PlaceTable) {
  requirePermission(c.var.actor, "places.manage");
  const expected = expectedVersion(c.req.header("if-match"))!;
  const row = await placeOfBranch(c.var.services, kind, validated<{ id: string }>(c as never, "param").id, c.var.tenant.branch.id);
  if (row.version !== expected) throw new StaleVersion(expected, row.version);
  return { row, expected };
}
