import { BadInput } from "@wuye/core";
import type { Context } from "hono";
import type { z } from "zod";
import { zodFieldErrors } from "../http/problem.ts";
import { optionalJsonBody } from "../http/request.ts";

/** An optional JSON body checked against a schema, with the same 400 as the route validators give. */
export async function parsedBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await optionalJsonBody(c));
  if (!parsed.success) throw new BadInput("some fields are invalid", zodFieldErrors(parsed.error));
  return parsed.data;
}
