import { NotFound, trackingPrefixOf } from "@wuye/core";
import { findRequest } from "@wuye/db";
import type { Services } from "../services.ts";

/** A request found by its tracking code: the prefix names the branch; anything else is a plain 404. */
export async function byTrackingCode(s: Services, raw: string) {
  const code = raw.toUpperCase();
  const prefix = trackingPrefixOf(code);
  const branch = prefix ? await s.branch({ trackingPrefix: prefix }) : null;
  if (!branch) throw new NotFound("request");
  const db = s.branchDb(branch);
  const request = await findRequest(db, { trackingCode: code });
  if (!request) throw new NotFound("request");
  return { branch, db, request };
}
