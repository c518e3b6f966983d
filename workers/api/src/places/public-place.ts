import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findCommunity, findPosterPlace } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";

const PublicPlace = z.object({
  id: z.string(),
  kind: z.enum(["building", "publicArea"]),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
});

/** What a QR poster names, for the portal's form: a building or a public area of this branch; nothing personal. */
export const publicPlaceRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/places/{id}",
    tags: ["public"],
    summary: "A building or public area named by a QR poster (扫码报修)",
    request: { params: z.object({ branch: z.string().min(2).max(42), id: z.string().min(3).max(64) }) },
    responses: { 200: { description: "The place", content: { "application/json": { schema: PublicPlace } } }, 404: errorResponses[404] },
  }),
  async (c) => {
    const s = c.var.services;
    const { branch: slug, id } = c.req.valid("param");
    const branch = await s.branch({ slug });
    if (!branch) throw new NotFound("branch");
    const place = await findPosterPlace(s.control, id);
    if (!place || place.branchId !== branch.id) throw new NotFound("place");
    const community = await findCommunity(s.control, place.communityId);
    return c.json(
      {
        id: place.id,
        kind: place.kind,
        name: place.name,
        communityId: place.communityId,
        communityName: community?.name ?? "",
      },
      200,
    );
  },
);
