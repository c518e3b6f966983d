import { createRouter } from "../http/openapi.ts";
import { activeRoute, setActive } from "../staff/active.ts";
import { linkRoute, sendLink } from "../staff/invite.ts";
import { orgUser } from "./member.ts";

/** Deactivate, reactivate, re-invite and reset: the same operations as the branch manager's, on the org's users. */
export const deactivateOrgUserRoute = createRouter().openapi(activeRoute("deactivate", "/users", "admin"), async (c) =>
  c.json(await setActive(c, await orgUser(c, c.req.valid("param").id), false), 200),
);
export const reactivateOrgUserRoute = createRouter().openapi(activeRoute("reactivate", "/users", "admin"), async (c) =>
  c.json(await setActive(c, await orgUser(c, c.req.valid("param").id), true), 200),
);
export const inviteOrgUserRoute = createRouter().openapi(linkRoute("/users", "invite", "Send a new invite link", "admin"), async (c) =>
  c.json(await sendLink(c, await orgUser(c, c.req.valid("param").id), "invite"), 201),
);
export const resetOrgUserPasswordRoute = createRouter().openapi(
  linkRoute("/users", "reset-password", "Reset a user's password with a one-time link", "admin"),
  async (c) => c.json(await sendLink(c, await orgUser(c, c.req.valid("param").id), "reset"), 201),
);
