import { createRoute } from "@hono/zod-openapi";
import { DomainError, type PlaceKind, StaleVersion } from "@wuye/core";
import { findPlace, findUnitByNumber, updatePlace } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf, IdParam, IfMatchRequiredHeader } from "../http/common.ts";
import { KINDS, PlaceView, placeToChange, validated } from "./kinds.ts";

function changePlaceRoute<K extends PlaceKind>(kind: K) {
  return createRouter().openapi(
    createRoute({
      method: "patch",
      path: `/places/${kind}/{id}` as `/places/${K}/{id}`,
      tags: ["console"],
      summary: `Change a ${KINDS[kind].label} (branch manager; If-Match: version)`,
      security: [{ bearer: [] }],
      request: {
        params: IdParam,
        headers: IfMatchRequiredHeader,
        body: { content: { "application/json": { schema: KINDS[kind].patch as (typeof KINDS)[K]["patch"] } }, required: true },
      },
      responses: {
        200: { description: "Changed", content: { "application/json": { schema: PlaceView } } },
        ...errorResponses,
        409: { description: "Another unit of the building has this number", content: problemContent },
        412: { description: "Changed by someone else since you read it", content: problemContent },
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { row, expected } = await placeToChange(c, kind);
      const input = validated<Record<string, unknown>>(c, "json");
      if (kind === "units" && typeof input.number === "string" && input.number !== row.number) {
        const taken = await findUnitByNumber(s.control, row.buildingId as string, input.number);
        if (taken)
          throw new DomainError("conflict", "the building already has this unit", {
            errors: [{ path: "number", message: "already exists" }],
          });
      }
      if (!(await updatePlace(s.control, kind, row.id, expected, { ...input, updatedAt: s.now() }))) {
        throw new StaleVersion(expected, row.version + 1);
      }
      const saved = (await findPlace(s.control, kind, row.id))!.row as { version: number };
      c.header("etag", etagOf(saved.version));
      return c.json(saved as Record<string, unknown>, 200);
    },
  );
}

export const changeCommunityRoute = changePlaceRoute("communities");
export const changeBuildingRoute = changePlaceRoute("buildings");
export const changeUnitRoute = changePlaceRoute("units");
export const changePublicAreaRoute = changePlaceRoute("public-areas");
