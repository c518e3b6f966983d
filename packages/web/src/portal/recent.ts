/** Tracking codes this browser submitted, so a resident finds them again without verifying a phone. */
export interface Recent {
  code: string;
  kind: string;
  at: string;
}
const key = (branch: string) => `wuye:codes:${branch}`;

export function recentCodes(branch: string): Recent[] {
  try {
    return (JSON.parse(localStorage.getItem(key(branch)) ?? "[]") as Recent[]).slice(0, 10);
  } catch {
    return [];
  }
}
export function rememberCode(branch: string, r: Recent) {
  localStorage.setItem(key(branch), JSON.stringify([r, ...recentCodes(branch).filter((x) => x.code !== r.code)].slice(0, 10)));
}

/** "Forget this device": a tracking code is a bearer secret, so a shared phone must be able to drop them all. */
export function forgetCodes(branch: string) {
  localStorage.removeItem(key(branch));
}
