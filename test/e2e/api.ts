import { expect } from "vitest";
import { base, login } from "./console.ts";

// The API as a journey's set-up calls it (what a test arranges without clicking), and the demo staff's ids.

export async function api(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as any };
}

/** Signs a demo user in through the API: their token and staff id. */
export async function session(role: string, branch: string | null = "yangguang", nth = 0) {
  const who = login(role, branch, nth);
  const res = await api("POST", "/api/v1/auth/login", { body: { email: who.email, password: who.password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { token: res.body.accessToken as string, staffId: res.body.staff.id as string };
}
