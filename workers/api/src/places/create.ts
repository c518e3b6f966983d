import { createRoute } from "@hono/zod-openapi";
import { DomainError, newId, type PlaceKind } from "@wuye/core";
import { findPlace, insertPlace, findUnitByNumber, setUnitCount } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import type { Services } from "../services.ts";
import { KINDS, parentOfBranch, PlaceView, validated } from "./kinds.ts";

type Input = Record<string, unknown> & { communityId?: string; buildingId?: string; number?: string };

/** The new row: the input, its parents checked to be the branch's own, and what follows from them. */
async function rowFor(s: Services, kind: PlaceKind, input: Input, branchId: string, now: number) {
  const base = { ...input, id: newId(KINDS[kind].prefix, now), createdAt: now, updatedAt: now };
  if (kind === "communities") return { ...base, branchId };
  if (kind === "buildings") {
    await parentOfBranch(s, "communities", input.communityId!, branchId, "communityId");
    return base;
  }
  if (kind === "units") {
    const building = await parentOfBranch(s, "buildings", input.buildingId!, branchId, "buildingId");
    const taken = await findUnitByNumber(s.control, building.id as string, input.number!);
    if (taken)
      throw new DomainError("conflict", "the building already has this unit", { errors: [{ path: "number", message: "already exists" }] });
    return { ...base, branchId, communityId: building.communityId };
  }
  await parentOfBranch(s, "communities", input.communityId!, branchId, "communityId");
  if (input.buildingId) {
    const building = await parentOfBranch(s, "buildings", input.buildingId, branchId, "buildingId");
    if (building.communityId !== input.communityId)
      throw new DomainError("bad_input", "the building is in another community", {
        errors: [{ path: "buildingId", message: "not in this community" }],
      });
  }
  return { ...base, branchId };
}

function createPlaceRoute<K extends PlaceKind>(kind: K) {
  return createRouter().openapi(
    createRoute({
      method: "post",
      path: `/places/${kind}` as `/places/${K}`,
      tags: ["console"],
      summary: `Add a ${KINDS[kind].label} (branch manager)`,
      security: [{ bearer: [] }],
      request: { body: { content: { "application/json": { schema: KINDS[kind].create as (typeof KINDS)[K]["create"] } }, required: true } },
      responses: {
        201: { description: "Added", content: { "application/json": { schema: PlaceView } } },
        ...errorResponses,
        409: { description: "Already exists", content: problemContent },
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "places.manage");
      const s = c.var.services;
      const branchId = c.var.tenant.branch.id;
      const row = await rowFor(s, kind, validated<Input>(c, "json"), branchId, s.now());
      await insertPlace(s.control, kind, row);
      if (kind === "units") await setUnitCount(s.control, branchId);
      const saved = (await findPlace(s.control, kind, row.id))!.row as { version: number };
      c.header("etag", etagOf(saved.version));
      return c.json(saved as Record<string, unknown>, 201);
    },
  );
}

export const createCommunityRoute = createPlaceRoute("communities");
export const createBuildingRoute = createPlaceRoute("buildings");
export const createUnitRoute = createPlaceRoute("units");
export const createPublicAreaRoute = createPlaceRoute("public-areas");
