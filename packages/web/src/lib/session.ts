import type { Role, TokenPair } from "@wuye/core/auth";
import type { ApiRoutes } from "@wuye/api/client";
import { hc } from "hono/client";
import { API_BASE, ApiError, answer, api, apiFetch } from "./api.ts";

const KEY = "staffSession";
export type StaffSession = TokenPair;

let session: StaffSession | null = read();
const listeners = new Set<() => void>();

function read(): StaffSession | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? "null") as StaffSession | null;
  } catch {
    return null;
  }
}

export const staffSession = () => session;
export function setStaffSession(next: StaffSession | null) {
  session = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}
export function onSessionChange(fn: () => void) {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

export async function login(email: string, password: string) {
  const { data } = await answer(api.auth.login.$post({ json: { email, password } }));
  setStaffSession(data);
  return data;
}

export async function logout() {
  const s = session;
  setStaffSession(null);
  if (s) await api.auth.logout.$post({ json: { refreshToken: s.refreshToken } }).catch(() => undefined);
}

let refreshing: Promise<boolean> | null = null;
async function refresh(): Promise<boolean> {
  const s = session;
  if (!s) return false;
  refreshing ??= answer(api.auth.refresh.$post({ json: { refreshToken: s.refreshToken } }))
    .then(({ data }) => {
      setStaffSession(data);
      return true;
    })
    .catch(() => {
      setStaffSession(null);
      return false;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** The signed-in member's token on a request; an expired one is refreshed once and the request sent again. */
async function staffFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const withToken = () => {
    const headers = new Headers(init.headers);
    if (session) headers.set("authorization", `Bearer ${session.accessToken}`);
    return { ...init, headers };
  };
  try {
    return await apiFetch(input, withToken());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && (await refresh())) return apiFetch(input, withToken());
    throw err;
  }
}

/** The API as the signed-in staff member (console, head office), typed like `api`. */
export const staffApi = hc<ApiRoutes>(API_BASE, { fetch: staffFetch });

export const hasRole = (...roles: Role[]) => !!session && roles.includes(session.staff.role);
