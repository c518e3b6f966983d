import { type Actor, mayReadRequest, NotFound } from "@wuye/core";
import { type BranchDb, findRequest } from "@wuye/db";

/**
 * A request of the branch that this staff member may see (core's `mayReadRequest`): a technician sees only the
 * repairs assigned to them. Anything else answers 404, as another tenant's request does.
 */
export async function findReadableRequest(db: BranchDb, actor: Pick<Actor, "staffId" | "role">, id: string) {
  const r = await findRequest(db, { id });
  if (!r || !mayReadRequest(actor, r)) throw new NotFound("request");
  return r;
}
