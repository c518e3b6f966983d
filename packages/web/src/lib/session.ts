import type { Role, TokenPair } from "@wuye/core/auth";
import { ApiError, type Answer, type CallOptions, call } from "./api.ts";

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
  const { data } = await call<StaffSession>("/auth/login", { body: { email, password } });
  setStaffSession(data);
  return data;
}

export async function logout() {
  const s = session;
  setStaffSession(null);
  if (s) await call("/auth/logout", { body: { refreshToken: s.refreshToken } }).catch(() => undefined);
}

let refreshing: Promise<boolean> | null = null;
async function refresh(): Promise<boolean> {
  const s = session;
  if (!s) return false;
  refreshing ??= call<StaffSession>("/auth/refresh", { body: { refreshToken: s.refreshToken } })
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

/** A call as the signed-in staff member; an expired access token is refreshed once, then the call retried. */
export async function staffCall<T>(path: string, o: CallOptions = {}): Promise<Answer<T>> {
  try {
    return await call<T>(path, { ...o, token: session?.accessToken ?? null });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && (await refresh())) return call<T>(path, { ...o, token: session?.accessToken ?? null });
    throw err;
  }
}

export const hasRole = (...roles: Role[]) => !!session && roles.includes(session.staff.role);
