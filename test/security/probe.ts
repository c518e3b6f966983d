import { inject } from "vitest";

// What the security suite shares: the stack, the demo logins, tokens, and the operations read from the OpenAPI
// document itself, so a new route is probed the day it is added, without anyone listing it here.
export const base = () => inject("baseUrl");
type Login = { email: string; password: string; role: string; branch: string | null };
export const logins = () => JSON.parse(inject("logins")) as Login[];

let ipCounter = 0;
/** A distinct client IP per request, so the per-IP limits never stand in for the check under test. */
export function nextIp() {
  ipCounter += 1;
  return `127.${Math.floor(ipCounter / 65536) % 256}.${Math.floor(ipCounter / 256) % 256}.${(ipCounter % 254) + 1}`;
}

export let sent = 0;

export async function send(method: string, path: string, init: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  sent += 1;
  const headers: Record<string, string> = { "cf-connecting-ip": nextIp(), ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(`${base()}/api/v1${path}`, { method, headers, body: init.body, redirect: "manual" });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", headers: res.headers, text };
}

const tokens = new Map<string, string>();
export async function tokenOf(role: string, branch: string | null): Promise<string> {
  const key = `${role}@${branch}`;
  const known = tokens.get(key);
  if (known) return known;
  const who = logins().find((l) => l.role === role && l.branch === branch);
  if (!who) throw new Error(`no demo login for ${key}`);
  const res = await send("POST", "/auth/login", { body: JSON.stringify({ email: who.email, password: who.password }) });
  if (res.status !== 200) throw new Error(`login ${key}: ${res.status} ${res.text}`);
  const token = (JSON.parse(res.text) as { accessToken: string }).accessToken;
  tokens.set(key, token);
  return token;
}

/** The same claims with one character of the signature changed. */
export function tampered(token: string): string {
  const [h, p, s] = token.split(".") as [string, string, string];
  const last = s.at(-2) === "A" ? "B" : "A";
  return `${h}.${p}.${s.slice(0, -2)}${last}${s.at(-1)}`;
}

/** The same claims, unsigned, announcing `alg: none`. */
export function unsigned(token: string): string {
  const [, p] = token.split(".") as [string, string];
  const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
  return `${header}.${p}.`;
}

export interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
  secured: boolean;
}

export async function operations(): Promise<Operation[]> {
  const doc = (await (await fetch(`${base()}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>>;
  };
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      out.push({
        method: method.toUpperCase(),
        path: path.replace(/^\/api\/v1/, ""),
        hasBody: op.requestBody !== undefined,
        secured: (op.security?.length ?? 0) > 0,
      });
    }
  }
  return out;
}

/** Which kind of caller an operation is for, by where it is mounted. */
export function audienceOf(path: string): "console" | "hq" | "admin" | "auth" | "public" | "open" {
  if (path.startsWith("/console/")) return "console";
  if (path.startsWith("/hq/")) return "hq";
  if (path.startsWith("/admin/")) return "admin";
  if (path.startsWith("/auth/")) return "auth";
  if (path.startsWith("/public/")) return "public";
  return "open";
}

/** Fills `{param}`s: known objects of branch yangguang where there is one, else a well-formed id that exists nowhere. */
export function fill(path: string, known: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(known[name] ?? `zz_${name}_000000000000`));
}

export const GARBAGE_BODIES = ["{not json", "[1,2,3]", "42", "null"];
