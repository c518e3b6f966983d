import { NotFound } from "@wuye/core";
import { createRouter } from "../http/openapi.ts";

/** Crons never fire in `wrangler dev`: the dev command calls this every minute to run the sweep. */
export const sweepRoute = () =>
  createRouter().post("/sweep", async (c) => {
    if (!c.env.DEADLINES) throw new NotFound("deadlines service binding");
    const res = await c.env.DEADLINES.fetch("https://deadlines.internal/sweep", {
      method: "POST",
      headers: { "x-sweep-at": c.req.header("x-sweep-at") ?? "" },
    });
    return new Response(res.body, { status: res.status, headers: { "content-type": "application/json" } });
  });
