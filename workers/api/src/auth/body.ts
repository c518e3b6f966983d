import { BadInput } from "@wuye/core";
import type { Context } from "hono";
import type { z } from "zod";
import { zodFieldErrors } from "../http/problem.ts";

/**
 * An optional JSON body checked against a schema, with the same 400 as the route validators give: absent is `{}`,
 * and a body that is not JSON is a 400, never read as empty.
 */
export async function parsedBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch {
      throw new BadInput("the body is not valid JSON", [{ path: "(body)", message: "expected a JSON object" }]);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadInput("some fields are invalid", zodFieldErrors(parsed.error));
  return parsed.data;
}
