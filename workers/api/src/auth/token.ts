import { ACCESS_TOKEN_SECONDS, type AccessClaims, AccessClaimsSchema, type Actor, Unauthenticated } from "@wuye/core";
import { jwtVerify, SignJWT } from "jose";

const AUDIENCE = "wuye-api";
// The HMAC key imported once per isolate: given raw bytes, jose imports a CryptoKey on every sign and verify.
const keyCache = new Map<string, Promise<CryptoKey>>();
function keyOf(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keyCache.set(secret, key);
  }
  return key;
}

/** Access claims plus whether the first login's password change is still due (`mcp`). */
export type SignedClaims = AccessClaims & { mcp?: boolean };

export async function signAccessToken(claims: SignedClaims, secret: string, issuer: string, now: number): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(await keyOf(secret));
}

export interface VerifiedAccess {
  actor: Actor;
  /** The staff member's session version when the token was issued; tokens from before versions count as 1. */
  sessionVersion: number;
  /** The login (refresh-token family) the token came from; null for tokens issued before families were named. */
  familyId: string | null;
  mustChangePassword: boolean;
}

/**
 * Tokens this isolate has verified, until they expire: a console polls with the same token every few seconds, and
 * checking its signature and claims again each time cost a tenth of a read. Only the very same string, checked
 * against the same key and issuer, is found here; whether its session still holds is checked on every request.
 */
const verified = new Map<string, { access: VerifiedAccess; expiresAt: number; secret: string; issuer: string }>();
const VERIFIED_TOKENS = 1_000;

/** Only HS256 with our key, issuer and audience; `alg: none`, tampering and expiry all fail here. */
export async function verifyAccessToken(token: string, secret: string, issuer: string): Promise<VerifiedAccess> {
  const known = verified.get(token);
  if (known && known.secret === secret && known.issuer === issuer && Date.now() < known.expiresAt) return known.access;
  try {
    const { payload } = await jwtVerify(token, await keyOf(secret), { algorithms: ["HS256"], issuer, audience: AUDIENCE });
    const claims = AccessClaimsSchema.parse(payload);
    const access = {
      actor: { staffId: claims.sub, orgId: claims.org, role: claims.role, branchId: claims.br, regionId: claims.rgn, locale: claims.loc },
      sessionVersion: claims.sv ?? 1,
      familyId: claims.fam ?? null,
      mustChangePassword: payload.mcp === true,
    };
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    if (typeof payload.exp === "number") verified.set(token, { access, expiresAt: payload.exp * 1000, secret, issuer });
    return access;
  } catch {
    throw new Unauthenticated("invalid or expired token");
  }
}

const RESIDENT_AUDIENCE = "wuye-resident";
export const RESIDENT_TOKEN_SECONDS = 24 * 3600;

/** A verified resident's token: one branch, one resident, nothing else. */
export async function signResidentToken(
  claims: { residentId: string; branchId: string },
  secret: string,
  issuer: string,
  now: number,
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ br: claims.branchId, kind: "resident" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.residentId)
    .setIssuer(issuer)
    .setAudience(RESIDENT_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + RESIDENT_TOKEN_SECONDS)
    .sign(await keyOf(secret));
}

export async function verifyResidentToken(
  token: string,
  secret: string,
  issuer: string,
): Promise<{ residentId: string; branchId: string }> {
  try {
    const { payload } = await jwtVerify(token, await keyOf(secret), { algorithms: ["HS256"], issuer, audience: RESIDENT_AUDIENCE });
    if (typeof payload.sub !== "string" || typeof payload.br !== "string") throw new Error("claims");
    return { residentId: payload.sub, branchId: payload.br };
  } catch {
    throw new Unauthenticated("invalid or expired resident token");
  }
}
