/** PBKDF2-SHA256 parameters; stored beside each hash so they can be raised later without a migration. */
export const PBKDF2_ITERATIONS = 100_000; // the Workers runtime caps PBKDF2 at 100k iterations
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_SECONDS = 15 * 60;
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
/** One-time links (invite, reset) and forgot-password codes. */
export const INVITE_LINK_SECONDS = 7 * 24 * 3600;

/**
 * Whether the answer to an invite or reset carries the one-time link: when no SMS carried it (no phone, or a
 * head-office user with no branch to send from) the person who asked hands it over in person; in development
 * and tests always (the dev sink stands for the phone). Otherwise only the member's phone ever sees it.
 */
export const linkInAnswer = (environment: string, sentBySms: boolean): boolean =>
  !sentBySms || environment === "development" || environment === "test";
export const RESET_LINK_SECONDS = 3600;
export const PASSWORD_MIN_LENGTH = 10;

const COMMON = ["password", "12345678", "qwerty", "abc123", "111111", "iloveyou", "admin", "wuye", "welcome"];

/**
 * Why a new password is too weak, or null: at least 10 characters, three of lower case, upper case, digits and
 * other signs, not built around a common password, and not the login name itself.
 */
export function passwordWeakness(password: string, loginNames: Array<string | null | undefined> = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > 200) return "at most 200 characters";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (classes < 3) return "use three of: lower case, upper case, digits, other signs";
  const lower = password.toLowerCase();
  if (COMMON.some((w) => lower.includes(w))) return "too close to a common password";
  if (/^(.)\1+$/.test(password)) return "too simple";
  for (const name of loginNames) {
    const n = name?.toLowerCase().split("@")[0];
    if (n && n.length >= 4 && lower.includes(n)) return "must not contain your login name";
  }
  return null;
}
