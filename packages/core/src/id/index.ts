// Prefixed, sortable-enough random ids: `req_…`, `wo_…`, `br_…`. Strings, never numbers (ids outlive 2^53).
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case
const TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/1/I/O: read aloud on the phone

export type IdPrefix =
  | "org"
  | "rgn"
  | "br"
  | "cmt"
  | "bld"
  | "unit"
  | "stf"
  | "rt"
  | "fam"
  | "req"
  | "evt"
  | "ms"
  | "obx"
  | "res"
  | "aud"
  | "att"
  | "wo"
  | "qt"
  | "ntc"
  | "ntf"
  | "otp"
  | "vis"
  | "hdo"
  | "hdi"
  | "dty"
  | "srv"
  | "ans"
  | "fm"
  | "fp"
  | "ccr"
  | "hov"
  | "case"
  | "pa" // public area
  | "stk"; // one-time staff link or code

function randomChars(length: number, alphabet: string): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** `prefix_` + 10 chars of time (ms, base32) + 12 random chars: sorts by creation, 60 bits of entropy. */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}${randomChars(12, ALPHABET)}`;
}

/**
 * `<BRANCH>-XXXXX-XXXXX-XXXXX-XXXXX`: the branch's public prefix (so a code finds its tenant without a
 * shared index) and 20 characters from a 32-letter alphabet = 100 bits, grouped for reading aloud.
 */
export function newTrackingCode(branchPrefix: string): string {
  const raw = randomChars(20, TRACKING_ALPHABET);
  return `${branchPrefix}-${raw.match(/.{5}/g)!.join("-")}`;
}

export const TRACKING_PREFIX_PATTERN = /^[A-Z0-9]{2,8}$/;
export const TRACKING_CODE_PATTERN = /^([A-Z0-9]{2,8})-([2-9A-HJ-NP-Z]{5}(?:-[2-9A-HJ-NP-Z]{5}){3})$/;

const TRACKING_CODE_ANYWHERE = /\b[A-Z0-9]{2,8}-[2-9A-HJ-NP-Z]{5}(?:-[2-9A-HJ-NP-Z]{5}){3}\b/gi;

/** A tracking code is a bearer secret: a log line carries this in its place. */
export function withoutTrackingCodes(text: string): string {
  return text.replace(TRACKING_CODE_ANYWHERE, "[tracking-code]");
}

/** The branch prefix of a well-formed tracking code, or null for anything else. */
export function trackingPrefixOf(code: string): string | null {
  return TRACKING_CODE_PATTERN.exec(code)?.[1] ?? null;
}
