import { OpenAPIHono } from "@hono/zod-openapi";
import { BadInput } from "@wuye/core";
import type { HonoEnv } from "../hono-env.ts";
import { zodFieldErrors } from "./problem.ts";

/** Every sub-app is built here so that every zod failure becomes the same problem+json 400. */
export function createRouter() {
  return new OpenAPIHono<HonoEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === "json" ? undefined : result.target;
        throw new BadInput("some fields are invalid", zodFieldErrors(result.error, where));
      }
    },
  });
}

export const problemContent = {
  "application/problem+json": {
    schema: {
      type: "object",
      properties: {
        type: { type: "string" },
        title: { type: "string" },
        status: { type: "integer" },
        detail: { type: "string" },
        requestId: { type: "string" },
        errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
      },
    },
  },
} as const;

/** Standard error responses documented on every route. */
export const errorResponses = {
  400: { description: "Invalid input (fields named in `errors`)", content: problemContent },
  401: { description: "Missing or invalid token", content: problemContent },
  403: { description: "Role not allowed", content: problemContent },
  404: { description: "Not found (or another tenant's)", content: problemContent },
} as const;
