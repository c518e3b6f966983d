import type { RouteConfig, z } from "@hono/zod-openapi";
import type { Locale } from "@wuye/core";
import { etagOf, expectedVersion, IfMatchRequiredHeader } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { saveSettings } from "./save-settings.ts";

type Settings = Record<string, unknown>;

type SettingsWrite<M extends "put" | "patch", P extends string, Body extends z.ZodType, Answer extends z.ZodType> = {
  method: M;
  path: P;
  tags: string[];
  summary: string;
  security: Array<Record<string, string[]>>;
  request: {
    headers: typeof IfMatchRequiredHeader;
    body: { content: { "application/json": { schema: Body } }; required: true };
  };
  responses: {
    200: { description: string; content: { "application/json": { schema: Answer } } };
    412: { description: string; content: typeof problemContent };
  } & typeof errorResponses;
};

// Named through a router value so that the api's declarations (the web's typed client) can spell the route's type.
const router = createRouter();
type Written<R extends RouteConfig> = ReturnType<typeof router.openapi<R>>;

/**
 * One versioned write of the branch's settings (If-Match required, 412 when someone saved since):
 * the operation names its body, how it changes the stored settings, and what it answers.
 */
export function settingsWriteRoute<
  const M extends "put" | "patch",
  const P extends string,
  Body extends z.ZodType,
  Answer extends z.ZodType,
>(op: {
  method: M;
  path: P;
  summary: string;
  body: Body;
  answer: Answer;
  saved?: string;
  change: (input: z.output<Body>, nextVersion: number, current: Settings) => Settings;
  view: (version: number, settings: Settings, locale: Locale) => z.input<Answer>;
}): Written<SettingsWrite<M, P, Body, Answer>> {
  const route: SettingsWrite<M, P, Body, Answer> = {
    method: op.method,
    path: op.path,
    tags: ["console"],
    summary: op.summary,
    security: [{ bearer: [] }],
    request: {
      headers: IfMatchRequiredHeader,
      body: { content: { "application/json": { schema: op.body } }, required: true },
    },
    responses: {
      200: { description: op.saved ?? "Saved", content: { "application/json": { schema: op.answer } } },
      ...errorResponses,
      412: { description: "Someone changed the settings since you read them", content: problemContent },
    },
  };
  return createRouter().openapi(route, async (c) => {
    const input = c.req.valid("json" as never) as z.output<Body>;
    const ifMatch = (c.req.valid("header" as never) as z.output<typeof IfMatchRequiredHeader>)["if-match"];
    const { version, settings } = await saveSettings(
      c.var.services,
      c.var.actor,
      c.var.tenant.branch.id,
      expectedVersion(ifMatch)!,
      (next, current) => op.change(input, next, current),
    );
    // The answer is what this save wrote: a re-read could carry a later version than its ETag.
    c.header("etag", etagOf(version));
    return c.json(op.view(version, settings, c.var.locale), 200) as never;
  });
}
