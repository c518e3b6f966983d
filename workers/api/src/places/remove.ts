import { createRoute } from "@hono/zod-openapi";
import { Conflict, type PlaceKind, StaleVersion } from "@wuye/core";
import { childrenOf, deletePlace, requestsPointingAt, setUnitCount } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { IdParam, IfMatchRequiredHeader } from "../http/common.ts";
import type { Services } from "../services.ts";
import { KINDS, placeToChange } from "./kinds.ts";

/** Requests that name this place (they live in the branch database, so the control database cannot refuse). */
function pointersOf(kind: PlaceKind, id: string) {
  if (kind === "units") return { unitIds: [id] };
  if (kind === "communities") return { communityIds: [id] };
  return { placeIds: [id] };
}

async function refuseWhileUsed(s: Services, kind: PlaceKind, id: string, db: Parameters<typeof requestsPointingAt>[0]) {
  const children = await childrenOf(s.control, kind, id);
  if (children) throw new Conflict(`the ${KINDS[kind].label} still has ${children} place(s) under it; delete or move them first`);
  const requests = await requestsPointingAt(db, pointersOf(kind, id));
  if (requests) throw new Conflict(`${requests} request(s) name this ${KINDS[kind].label}; it stays so that their history keeps its place`);
}

function removePlaceRoute<K extends PlaceKind>(kind: K) {
  return createRouter().openapi(
    createRoute({
      method: "delete",
      path: `/places/${kind}/{id}` as `/places/${K}/{id}`,
      tags: ["console"],
      summary: `Delete a ${KINDS[kind].label} nothing points at (branch manager; If-Match: version)`,
      security: [{ bearer: [] }],
      request: { params: IdParam, headers: IfMatchRequiredHeader },
      responses: {
        204: { description: "Deleted" },
        ...errorResponses,
        409: { description: "Requests or other places point at it (the message says which)", content: problemContent },
        412: { description: "Changed by someone else since you read it", content: problemContent },
      },
    }),
    async (c) => {
      const s = c.var.services;
      const branchId = c.var.tenant.branch.id;
      const { row, expected } = await placeToChange(c, kind);
      await refuseWhileUsed(s, kind, row.id, c.var.tenant.db);
      if (!(await deletePlace(s.control, kind, row.id, expected))) throw new StaleVersion(expected, row.version + 1);
      if (kind === "units") await setUnitCount(s.control, branchId);
      return c.body(null, 204);
    },
  );
}

export const removeCommunityRoute = removePlaceRoute("communities");
export const removeBuildingRoute = removePlaceRoute("buildings");
export const removeUnitRoute = removePlaceRoute("units");
export const removePublicAreaRoute = removePlaceRoute("public-areas");
