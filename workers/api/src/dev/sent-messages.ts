import { listDeliveries } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";

/** The local sink of SMS and email in development: what would have been sent, newest first. */
export const sentMessagesRoute = () =>
  createRouter().get("/outbox", async (c) => {
    const s = c.var.services;
    const slug = c.req.query("branch");
    const branches = (await s.branches()).filter((b) => !slug || b.slug === slug);
    const items = [];
    for (const b of branches) {
      for (const d of await listDeliveries(s.branchDb(b), 50)) items.push({ branch: b.slug, ...d, createdAt: iso(d.createdAt) });
    }
    items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return c.json({ items });
  });
