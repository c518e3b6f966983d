import { NotFound, trackingPrefixOf } from "@wuye/core";
import { type BranchDb, findRequest, type RequestRow } from "@wuye/db";
import type { Services } from "../services.ts";

/**
 * A request found by its tracking code: the prefix names the branch; anything else is a plain 404. `read`
 * loads what the caller needs in its one round trip (by default the request alone).
 */
export async function byTrackingCode<T extends { request: RequestRow } = { request: RequestRow }>(
  s: Services,
  raw: string,
  read: (db: BranchDb, code: string) => Promise<T | null> = async (db, code) => {
    const request = await findRequest(db, { trackingCode: code });
    return request ? ({ request } as T) : null;
  },
) {
  const code = raw.toUpperCase();
  const prefix = trackingPrefixOf(code);
  const branch = prefix ? await s.branch({ trackingPrefix: prefix }) : null;
  if (!branch) throw new NotFound("request");
  const db = s.branchDb(branch);
  const found = await read(db, code);
  if (!found) throw new NotFound("request");
  return { branch, db, ...found };
}
