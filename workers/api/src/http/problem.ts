import {
  DomainError,
  type FieldError,
  type Locale,
  type MessageKey,
  STATUS_BY_CODE,
  t,
  Unavailable,
  withoutTrackingCodes,
} from "@wuye/core";
import { isDatabaseUnavailable } from "@wuye/db";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";

// RFC 9457 problem details. `type` is a stable URN per error code; `title` is localized.
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", ...headers },
  });
}

export function zodFieldErrors(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : null;
    if (unknownKeys) {
      return {
        path: [path, unknownKeys.join(",")].filter(Boolean).join("."),
        message: `unknown field(s): ${unknownKeys.join(", ")}`,
        code: issue.code,
      };
    }
    return { path: path || "(body)", message: issue.message, code: issue.code };
  });
}

function localeOf(c: Context): Locale {
  return (c.get("locale" as never) as Locale | undefined) ?? "zh-CN";
}

export function problemFromError(c: Context, err: unknown): Response {
  if (!(err instanceof DomainError) && isDatabaseUnavailable(err)) {
    console.error(JSON.stringify({ level: "warn", msg: "database unavailable", error: err instanceof Error ? err.message : String(err) }));
    return problemFromError(c, new Unavailable(2));
  }
  const requestId = (c.get("requestId" as never) as string | undefined) ?? "unknown";
  const locale = localeOf(c);
  const instance = new URL(c.req.url).pathname;
  if (err instanceof DomainError) {
    const status = STATUS_BY_CODE[err.code];
    const headers: Record<string, string> = {};
    if (err.extra.retryAfterSeconds !== undefined) headers["retry-after"] = String(err.extra.retryAfterSeconds);
    return problemResponse(
      {
        type: `urn:wuye:problem:${err.code}`,
        title: t(locale, `error.${err.code}` as MessageKey),
        status,
        detail: err.extra.explain ? t(locale, err.extra.explain.key as MessageKey, err.extra.explain.params) : err.message,
        instance,
        requestId,
        ...(err.extra.errors?.length ? { errors: err.extra.errors } : {}),
        ...(err.extra.detail ?? {}),
      },
      headers,
    );
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own validators: malformed JSON, bad content type, etc.
    const code =
      err.status === 413
        ? "payload_too_large"
        : err.status === 415
          ? "unsupported_media_type"
          : err.status === 401
            ? "unauthenticated"
            : "bad_input";
    return problemResponse({
      type: `urn:wuye:problem:${code}`,
      title: t(locale, `error.${code}` as MessageKey),
      status: err.status,
      detail: err.message || "the request could not be read",
      instance,
      requestId,
      errors: code === "bad_input" ? [{ path: "(body)", message: err.message || "malformed body" }] : [],
    });
  }
  console.error(
    withoutTrackingCodes(
      JSON.stringify({ level: "error", requestId, path: instance, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    ),
  );
  return problemResponse({
    type: "urn:wuye:problem:internal",
    title: t(locale, "error.internal"),
    status: 500,
    detail: `internal error; quote request id ${requestId} when reporting it`,
    instance,
    requestId,
  });
}
