import { createRoute, z } from "@hono/zod-openapi";
import { can, DomainError, NotFound } from "@wuye/core";
import { findAttachment, findRequest } from "@wuye/db";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter } from "../http/openapi.ts";
import { authenticate, branchTenant } from "../middleware/auth.ts";
import { photoResponse, photoResponses } from "./serve-photo.ts";

export const AttachmentParam = z.object({ id: z.string().min(3).max(64) });

/**
 * The console's own sign-in (token, branch) before a staff photo, but any failure of it answers 404: outside the
 * branch's staff a photo's address is simply not there (ARCHITECTURE.md "Photos").
 */
const branchStaffOrNotFound = createMiddleware<HonoEnv>(async (c, next) => {
  let signedIn = false;
  try {
    await authenticate(c, async () => {
      await branchTenant(c, async () => {
        signedIn = true;
      });
    });
  } catch (err) {
    if (!signedIn && err instanceof DomainError) throw new NotFound("attachment");
    throw err;
  }
  if (!signedIn) throw new NotFound("attachment");
  await next();
});

const app = createRouter();
app.use("/attachments/*", branchStaffOrNotFound);

export const staffPhotoRoute = app.openapi(
  createRoute({
    method: "get",
    path: "/attachments/{id}",
    tags: ["console"],
    summary: "A photo or signature of the branch, for its staff (a technician: of their own jobs only); anyone else gets 404",
    security: [{ bearer: [] }],
    request: { params: AttachmentParam },
    responses: photoResponses,
  }),
  async (c) => {
    const { actor, tenant } = c.var;
    const row = await findAttachment(tenant.db, c.req.valid("param").id);
    if (!row?.requestId || !can(actor.role, "request.read")) throw new NotFound("attachment");
    if (actor.role === "technician") {
      const request = await findRequest(tenant.db, { id: row.requestId });
      if (request?.assigneeId !== actor.staffId) throw new NotFound("attachment");
    }
    return photoResponse(c.env.ATTACHMENTS, row) as never;
  },
);
