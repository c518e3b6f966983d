import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";

export interface Login {
  email: string;
  password: string;
  role: string;
  branch: string | null;
}
export const logins: Login[] = JSON.parse(env.TEST_LOGINS);
export const loginOf = (role: string, branch: string | null = "yangguang") => {
  const l = logins.find((x) => x.role === role && x.branch === branch);
  if (!l) throw new Error(`no demo login for ${role}@${branch}`);
  return l;
};

let ipCounter = 0;
/** A distinct client IP per call by default, so abuse limits only bite where a test wants them to. */
export function uniqueIp() {
  ipCounter += 1;
  return `10.${Math.floor(ipCounter / 65536) % 256}.${Math.floor(ipCounter / 256) % 256}.${ipCounter % 256}`;
}

export async function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { "cf-connecting-ip": uniqueIp(), ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  if (opts.rawBody !== undefined) headers["content-type"] ??= "application/json";
  const res = await SELF.fetch(`http://localhost${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed };
}

const tokenCache = new Map<string, string>();
export async function tokenFor(role: string, branch: string | null = "yangguang"): Promise<string> {
  const key = `${role}@${branch}`;
  const cached = tokenCache.get(key);
  if (cached) return cached;
  const l = loginOf(role, branch);
  const res = await call("POST", "/api/v1/auth/login", { body: { email: l.email, password: l.password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  tokenCache.set(key, res.body.accessToken);
  return res.body.accessToken;
}

/** The token of one particular staff member (e.g. the technician an order went to), among those of a role. */
export async function tokenForStaff(staffId: string, role: string, branch = "yangguang"): Promise<string> {
  for (const l of logins.filter((x) => x.role === role && x.branch === branch)) {
    const key = `email:${l.email}`;
    let token = tokenCache.get(key);
    if (!token) {
      const res = await call("POST", "/api/v1/auth/login", { body: { email: l.email, password: l.password } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      token = res.body.accessToken as string;
      tokenCache.set(key, token);
    }
    if (subjectOf(token) === staffId) return token;
  }
  throw new Error(`no demo login for staff ${staffId}`);
}

/** The staff id a token was issued to. */
export const subjectOf = (token: string) => JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).sub as string;

export function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  if (field) expect(res.body.errors.map((e: { path: string }) => e.path).join(" ")).toContain(field);
}

/** The communities the demo seed gives each branch (infra/src/seed.ts). */
const SEEDED_COMMUNITIES = ["阳光花园一期", "阳光花园二期", "滨江苑", "湖畔居东区", "湖畔居西区"];

/**
 * A branch's seeded community (the first, or the one named) as its public profile lists it, with its units. Other
 * test files add communities to the same databases while a file runs, and those may sort first and have no units.
 */
export async function seededCommunity(
  branch: string,
  name?: string,
): Promise<{ id: string; name: string; units: Array<{ id: string; label: string }> }> {
  const profile = await call("GET", `/api/v1/public/branches/${branch}`);
  const community = profile.body.communities.find((c: { name: string }) => (name ? c.name === name : SEEDED_COMMUNITIES.includes(c.name)));
  if (!community) throw new Error(`no seeded community ${name ?? ""} in ${branch}`);
  return community;
}
