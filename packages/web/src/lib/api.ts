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
  data: T;
  etag: string | null;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Sent as-is (a photo): no JSON encoding. */
  blob?: Blob;
  token?: string | null;
  ifMatch?: string | number | null;
  ifNoneMatch?: string | null;
  headers?: Record<string, string>;
}

/** One call to the API: JSON in and out, problem+json errors thrown as ApiError, 304 passed through. */
export async function call<T>(path: string, o: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": currentLocale(), ...o.headers };
  if (o.body !== undefined) headers["content-type"] = "application/json";
  if (o.blob) headers["content-type"] = o.blob.type;
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.ifMatch !== undefined && o.ifMatch !== null) headers["if-match"] = typeof o.ifMatch === "number" ? `"${o.ifMatch}"` : o.ifMatch;
  if (o.ifNoneMatch) headers["if-none-match"] = o.ifNoneMatch;
  const res = await fetch(`/api/v1${path}`, { method: o.method ?? (o.body !== undefined || o.blob ? "POST" : "GET"), headers, body: o.blob ?? (o.body !== undefined ? JSON.stringify(o.body) : null) });
  const etag = res.headers.get("etag");
  if (res.status === 304) return { status: 304, data: undefined as T, etag };
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) throw new ApiError(res.status, (parsed as Problem | null) ?? null);
  return { status: res.status, data: parsed as T, etag };
}

/** Downloads a CSV (or any file) that needs the bearer token, which a plain link cannot carry. */
export async function download(path: string, token: string, fallbackName: string) {
  const res = await fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, "accept-language": currentLocale() } });
  if (!res.ok) throw new ApiError(res.status, null);
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
