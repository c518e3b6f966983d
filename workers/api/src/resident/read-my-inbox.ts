import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { markAllInboxRead, markInboxRead } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";
import { verifiedResident } from "./verified-resident.ts";

const residentErrors = { 401: errorResponses[401], 404: errorResponses[404] };

/** A resident opens an item of their inbox (it is read), or marks them all read. */
export const readMyInboxRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/branches/{branch}/my/inbox/{id}/read",
      tags: ["public"],
      summary: "Mark an item of a verified resident's inbox read",
      security: [{ bearer: [] }],
      request: { params: BranchParam.extend({ id: z.string().min(3).max(200) }) },
      responses: { 204: { description: "Read" }, ...residentErrors },
    }),
    async (c) => {
      const { branch, id } = c.req.valid("param");
      const { db, resident } = await verifiedResident(c.var.services, branch, c.req.header("authorization"));
      if (!(await markInboxRead(db, { type: "resident", id: resident.id }, id, c.var.services.now())))
        throw new NotFound("unread inbox item");
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/branches/{branch}/my/inbox/read-all",
      tags: ["public"],
      summary: "Mark every item of a verified resident's inbox read",
      security: [{ bearer: [] }],
      request: { params: BranchParam },
      responses: {
        200: { description: "Marked", content: { "application/json": { schema: z.object({ marked: z.number().int() }) } } },
        ...residentErrors,
      },
    }),
    async (c) => {
      const { db, resident } = await verifiedResident(c.var.services, c.req.valid("param").branch, c.req.header("authorization"));
      const marked = await markAllInboxRead(db, { type: "resident", id: resident.id }, c.var.services.now());
      return c.json({ marked }, 200);
    },
  );
