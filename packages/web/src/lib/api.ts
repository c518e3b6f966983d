import type { ApiRoutes } from "@wuye/api/client";
import { type ClientResponse, hc } from "hono/client";
import { currentLocale } from "./i18n.ts";

/** An RFC 9457 problem as the API answers it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId?: string;
  errors?: Array<{ path: string; message: string }>;
  hits?: ReplyHit[];
  [extra: string]: unknown;
}
export interface ReplyHit {
  phrase: string;
  index: number;
  length: number;
  excerpt: string;
  suggestions: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
  }
  /** Field path → message, for forms. */
  get fields(): Record<string, string> {
    return Object.fromEntries((this.problem?.errors ?? []).map((e) => [e.path, e.message]));
  }
}

export interface Answer<T> {
  status: number;
  /** The parsed JSON body; nothing on a 304 (the query cache keeps what it has). */
  data: T;
  etag: string | null;
}

/** What a request carries besides the route's own inputs (headers a route declares, like If-Match, go in its `header`). */
export interface RequestExtras {
  /** Bearer token (a resident's; `staffApi` adds the signed-in member's itself). */
  token?: string | null;
  /** The ETag of what the caller has: a 304 answer keeps it. */
  ifNoneMatch?: string | null;
}

/** hc's options for `RequestExtras`: `api.x.$get(args, extras({ token, ifNoneMatch: etag }))`. */
export function extras(o: RequestExtras): { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.ifNoneMatch) headers["if-none-match"] = o.ifNoneMatch;
  return { headers };
}

/** An If-Match value: a version number as the API's ETag (`"3"`), or an ETag as it came. */
export const ifMatch = (version: string | number) => (typeof version === "number" ? `"${version}"` : version);

/** A photo as the request body, sent as-is (no JSON encoding); hc's `init` is the raw fetch init. */
export const rawBody = (blob: Blob) => ({ headers: { "content-type": blob.type }, init: { body: blob } });

async function problemOf(res: Response): Promise<Problem | null> {
  try {
    const text = await res.text();
    return text ? (JSON.parse(text) as Problem) : null;
  } catch {
    return null;
  }
}

/**
 * The fetch under every API call: JSON accepted (unless the caller asks for something else), the reader's language,
 * and any failure but a 304 thrown as `ApiError` with the problem+json body (field errors, reply-guard hits).
 */
export async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  headers.set("accept-language", currentLocale());
  const res = await fetch(input, { ...init, headers });
  if (!res.ok && res.status !== 304) throw new ApiError(res.status, await problemOf(res));
  return res;
}

export const API_BASE = "/api/v1";
/** The address of an API path as the client builds it (`api.x.$path(args)`), for a link. */
export const apiHref = (path: string) => `${API_BASE}${path}`;

/** The API, typed from its own routes (workers/api/src/app.ts `ApiRoutes`). Staff use `staffApi` (lib/session.ts). */
export const api = hc<ApiRoutes>(API_BASE, { fetch: apiFetch });
export type Api = typeof api;

/** The JSON a route answers on success (its 2xx responses); errors never get here, `apiFetch` throws them. */
export type OkJson<R> =
  R extends ClientResponse<infer T, infer S, infer F> ? (F extends "json" ? (`${S}` extends `2${string}` ? T : never) : never) : never;

/** The success JSON of a client method, to name a response type: `Output<Api["console"]["requests"]["$get"]>`. */
export type Output<M extends ClientMethod> = OkJson<Awaited<ReturnType<M>>>;
/** A method of the typed client (`$get`, `$post`…). */
export type ClientMethod = (...args: never[]) => Promise<ClientResponse<unknown, number, string>>;

/** Reads a typed response the way the UI uses it: status, parsed JSON, ETag; a 304 passes through without data. */
export async function answer<R extends ClientResponse<unknown, number, string>>(pending: Promise<R>): Promise<Answer<OkJson<R>>> {
  return readAnswer(await pending);
}

/** The body as JSON (null when empty or not JSON, nothing on a 304): what the route declares. */
async function readAnswer<T>(res: Pick<Response, "status" | "headers" | "text">): Promise<Answer<T>> {
  const etag = res.headers.get("etag");
  if (res.status === 304) return { status: 304, data: undefined as T, etag };
  const text = await res.text();
  let data: T | null = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  return { status: res.status, data: data as T, etag };
}

/**
 * Some routes document part of their answer only as `unknown` (the dispatch board's rows, head-office rows): the web
 * reads them as `T`, which must still fit what the route does document, or the call `.then(refine<T>())` fails to
 * compile, naming both types.
 */
export function refine<T>() {
  return <D>(a: Answer<D> & ([T] extends [D] ? unknown : { documented: D; readAs: T })): Answer<T> => a as Answer<T>;
}

/** Downloads a CSV (or any file) that needs the bearer token, which a plain link cannot carry. */
export async function download(pending: Promise<ClientResponse<unknown, number, string>>, fallbackName: string) {
  const res = await pending;
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const idempotencyKey = () => crypto.randomUUID();
