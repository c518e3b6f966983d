import type { Role, TokenPair } from "@wuye/core/auth";
import type { ApiRoutes } from "@wuye/api/client";
import { hc } from "hono/client";
import { API_BASE, ApiError, answer, api, apiFetch } from "./api.ts";

/**
 * The signed-in member: the access token lives in this tab's memory only; the refresh token is an HttpOnly,
 * Secure, SameSite=Strict cookie on /api/v1/auth that no script can read. A new tab or a reload signs in by
 * refreshing with that cookie; tabs tell each other about logins and logouts (BroadcastChannel), and refreshes
 * are serialized across tabs (Web Locks) so two tabs never present the same rotating token (a reuse would end
 * the login).
 */
export type StaffSession = Omit<TokenPair, "refreshToken">;

let session: StaffSession | null = null;
let restoring = true;
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("wuye-staff-session");

type Message = { type: "session"; session: StaffSession } | { type: "logout" };

function set(next: StaffSession | null, tell = true) {
  session = next;
  restoring = false;
  if (tell) channel?.postMessage((next ? { type: "session", session: next } : { type: "logout" }) satisfies Message);
  for (const l of listeners) l();
}

channel?.addEventListener("message", (e: MessageEvent<Message>) => {
  if (e.data.type === "logout") set(null, false);
  // One login per browser (the cookie is shared): a login in another tab, even of someone else, is this tab's too.
  else if (e.data.type === "session") set(e.data.session, false);
});

const keep = ({ refreshToken: _, ...rest }: TokenPair): StaffSession => rest;

export const staffSession = () => session;
/** True until the first refresh with the cookie has answered (the console shows neither login nor content yet). */
export const sessionRestoring = () => restoring;
export function setStaffSession(next: TokenPair | StaffSession | null) {
  set(next && "refreshToken" in next ? keep(next) : next);
}
export function onSessionChange(fn: () => void) {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** A login name as typed: an email, or a phone number (Chinese staff log in by phone). */
export async function login(name: string, password: string) {
  const json = name.includes("@") ? { email: name, password } : { phone: name, password };
  const { data } = await answer(api.auth.login.$post({ json }));
  setStaffSession(data);
  return data;
}

/** Ends this login in every tab at once (the server revokes it; the other tabs hear it here). */
export async function logout() {
  set(null);
  await api.auth.logout.$post({ json: {} }).catch(() => undefined);
}

/** One refresh at a time across tabs; a tab that waited finds the session another tab just got. */
async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? locks.request("wuye-staff-refresh", fn) : fn();
}

let refreshing: Promise<boolean> | null = null;
function refresh(stale: string | null): Promise<boolean> {
  refreshing ??= withRefreshLock(async () => {
    if (session && session.accessToken !== stale) return true;
    try {
      const { data } = await answer(api.auth.refresh.$post({ json: {} }));
      setStaffSession(data);
      return true;
    } catch {
      set(null, false);
      return false;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** On load: sign in from the cookie if there is a login (a new tab, a reload, a Ctrl-click). */
export function restoreSession(): Promise<boolean> {
  return refresh(null);
}
if (typeof window !== "undefined") void restoreSession();

/** The signed-in member's token on a request; an expired or ended one is refreshed once and the request sent again. */
async function staffFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  if (restoring) await refreshing;
  const used = session?.accessToken ?? null;
  const withToken = () => {
    const headers = new Headers(init.headers);
    if (session) headers.set("authorization", `Bearer ${session.accessToken}`);
    return { ...init, headers };
  };
  try {
    return await apiFetch(input, withToken());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && (await refresh(used))) return apiFetch(input, withToken());
    throw err;
  }
}

/** The API as the signed-in staff member (console, head office), typed like `api`. */
export const staffApi = hc<ApiRoutes>(API_BASE, { fetch: staffFetch });

export const hasRole = (...roles: Role[]) => !!session && roles.includes(session.staff.role);
