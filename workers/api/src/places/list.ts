import { createRoute, z } from "@hono/zod-openapi";
import { placesOfBranch } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const Places = z.object({
  communities: z.array(z.object({ id: z.string(), name: z.string(), version: z.number() })),
  buildings: z.array(z.object({ id: z.string(), communityId: z.string(), name: z.string(), version: z.number() })),
  units: z.array(
    z.object({
      id: z.string(),
      buildingId: z.string(),
      communityId: z.string(),
      entrance: z.string().nullable(),
      number: z.string(),
      area: z.number().nullable(),
      version: z.number(),
    }),
  ),
  publicAreas: z.array(
    z.object({
      id: z.string(),
      communityId: z.string(),
      buildingId: z.string().nullable(),
      kind: z.string(),
      name: z.string(),
      version: z.number(),
    }),
  ),
});

/** Communities, buildings, units and public areas of the branch, flat: the console draws the tree. */
export const listPlacesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/places",
    tags: ["console"],
    summary: "The branch's communities, buildings, units and public areas",
    security: [{ bearer: [] }],
    responses: { 200: { description: "Places", content: { "application/json": { schema: Places } } }, ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "places.read");
    const p = await placesOfBranch(c.var.services.control, c.var.tenant.branch.id);
    return c.json(
      {
        communities: p.communities.map(({ id, name, version }) => ({ id, name, version })),
        buildings: p.buildings.map(({ id, communityId, name, version }) => ({ id, communityId, name, version })),
        units: p.units.map(({ id, buildingId, communityId, entrance, number, area, version }) => ({
          id,
          buildingId,
          communityId,
          entrance,
          number,
          area,
          version,
        })),
        publicAreas: p.publicAreas.map(({ id, communityId, buildingId, kind, name, version }) => ({
          id,
          communityId,
          buildingId,
          kind,
          name,
          version,
        })),
      },
      200,
    );
  },
);
