import { NotFound } from "@wuye/core";
import { createRouter } from "../http/openapi.ts";

/** The load test's baseline: one row inserted through the same runtime, client and database as intake. */
export const bareInsertRoute = () =>
  createRouter().post("/bare-insert/:branch", async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.param("branch") });
    if (!branch) throw new NotFound("branch");
    const now = s.now();
    await s.branchDb(branch).$client.execute({
      sql: "insert into idempotency_keys (scope, key, body_hash, status, response, created_at) values ('bench', ?, '', 201, '{}', ?)",
      args: [crypto.randomUUID(), now],
    });
    return c.json({ ok: true }, 201);
  });
