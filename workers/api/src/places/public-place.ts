import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findCommunity, findPlace } from "@wuye/db";
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
    const kind = id.startsWith("bld_") ? "buildings" : id.startsWith("pa_") ? "public-areas" : null;
    const found = kind ? await findPlace(s.control, kind, id) : null;
    if (!found || found.branchId !== branch.id) throw new NotFound("place");
    const row = found.row as { id: string; name: string; communityId: string };
    const community = await findCommunity(s.control, row.communityId);
    return c.json(
      {
        id: row.id,
        kind: kind === "buildings" ? ("building" as const) : ("publicArea" as const),
        name: row.name,
        communityId: row.communityId,
        communityName: community?.name ?? "",
      },
      200,
    );
  },
);
