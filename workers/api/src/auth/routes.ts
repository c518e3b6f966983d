import { createRoute, type z } from "@hono/zod-openapi";
import { LoginInputSchema, LogoutInputSchema, RefreshInputSchema, TokenPairSchema } from "@wuye/core";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp } from "../http/request.ts";
import { login, logout, refresh } from "./session.ts";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
const tokens = { description: "Access and refresh tokens", content: { "application/json": { schema: TokenPairSchema } } };
const limited = { description: "Too many failed attempts", content: problemContent };

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/login",
      tags: ["auth"],
      summary: "Staff login",
      request: { body: json(LoginInputSchema) },
      responses: { 200: tokens, 400: errorResponses[400], 401: errorResponses[401], 429: limited },
    }),
    async (c) => {
      return c.json(await login(c.var.services, c.req.valid("json"), clientIp(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/refresh",
      tags: ["auth"],
      summary: "Rotate the refresh token",
      request: { body: json(RefreshInputSchema) },
      responses: { 200: tokens, 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => c.json(await refresh(c.var.services, c.req.valid("json").refreshToken), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/logout",
      tags: ["auth"],
      summary: "Revoke the session",
      request: { body: json(LogoutInputSchema) },
      responses: { 204: { description: "Logged out" }, 400: errorResponses[400] },
    }),
    async (c) => {
      await logout(c.var.services, c.req.valid("json").refreshToken);
      return c.body(null, 204);
    },
  );
