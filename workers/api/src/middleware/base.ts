import { pickLocale } from "@wuye/core";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";
import { buildServices } from "../services.ts";

export const base = createMiddleware<HonoEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", requestId);
  const lang = c.req.query("lang");
  c.set("locale", lang === "en" || lang === "zh-CN" ? lang : pickLocale(c.req.header("accept-language")));
  c.set("services", buildServices(c.env));
  await next();
  c.header("x-request-id", requestId);
});
