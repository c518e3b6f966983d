import { z } from "@hono/zod-openapi";
import { BadInput, DomainError, NotFound, StaffViewSchema, type StaffView } from "@wuye/core";
import { findCommunity, findStaffById, loginNamesTaken, type StaffRow } from "@wuye/db";
import type { Services } from "../services.ts";

export function staffView(row: StaffRow): StaffView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    phone: row.phone,
    email: row.email,
    skills: row.skills,
    communities: row.communities,
    locale: row.locale,
    active: row.active,
    invited: !row.passwordHash,
    mustChangePassword: row.mustChangePassword,
    branchId: row.branchId,
    regionId: row.regionId,
    version: row.version,
  };
}

export const SentLinkSchema = z.object({ expiresAt: z.string(), link: z.string().optional(), sentTo: z.array(z.literal("sms")) });
export const StaffWithLinkSchema = StaffViewSchema.extend({ invite: SentLinkSchema });

/** A member of this branch, or 404 (another branch's member is not found, never forbidden). */
export async function memberOfBranch(s: Services, branchId: string, id: string): Promise<StaffRow> {
  const row = await findStaffById(s.control, id);
  if (!row || row.branchId !== branchId) throw new NotFound("staff member");
  return row;
}

/** A phone or email is one member's login name only: 409 naming the field another member holds. */
export async function refuseTakenLoginNames(s: Services, names: { email?: string | null; phone?: string | null }, exceptId?: string) {
  const taken = await loginNamesTaken(s.control, names, exceptId);
  if (taken.length) {
    throw new DomainError("conflict", `${taken.join(" and ")} already used by another member`, {
      errors: taken.map((f) => ({ path: f, message: "already used by another member" })),
    });
  }
}

/** Communities a member serves must be the branch's own. */
export async function checkCommunities(s: Services, branchId: string, ids: string[] | undefined) {
  if (!ids?.length) return;
  const found = await Promise.all(ids.map((id) => findCommunity(s.control, id)));
  const bad = ids.map((id, i) => ({ id, i })).filter((x) => found[x.i]?.branchId !== branchId);
  if (bad.length)
    throw new BadInput(
      "unknown community",
      bad.map((b) => ({ path: `communities.${b.i}`, message: "no such community in this branch" })),
    );
}

/** The origin links are built on: the one the manager's browser used. */
export const originOf = (url: string) => new URL(url).origin;
