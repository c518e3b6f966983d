import { NotFound, Unauthenticated } from "@wuye/core";
import { findResident } from "@wuye/db";
import { verifyResidentToken } from "../auth/token.ts";
import type { Services } from "../services.ts";

/** The verified resident behind a resident token (the Authorization header), in the branch of the URL only. */
export async function verifiedResident(s: Services, branchSlug: string, authorization: string | undefined) {
  const branch = await s.branch({ slug: branchSlug });
  if (!branch) throw new NotFound("branch");
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new Unauthenticated();
  const claims = await verifyResidentToken(token, s.vars.JWT_SECRET, s.vars.JWT_ISSUER);
  if (claims.branchId !== branch.id) throw new NotFound("resident");
  const db = s.branchDb(branch);
  const resident = await findResident(db, claims.residentId);
  if (!resident?.verifiedAt) throw new Unauthenticated("resident not verified");
  return { branch, db, resident };
}
