import { desc, eq, inArray, isNotNull, like, or, type SQL } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { requests, residents } from "../schema/branch.ts";

// The resident archive as staff search it, and the places each verified resident is known at.

/** A LIKE pattern for "contains", with the wildcards a user might type taken out. */
export const containsPattern = (s: string) => `%${s.replace(/[%_]/g, "")}%`;

/**
 * Records matching a name, a phone (full or any part, e.g. its last 4 digits) or one of `unitIds` (the units whose
 * label matched the search), newest first; the whole archive without a search.
 */
export async function searchResidents(db: BranchDb, f: { q?: string | undefined; unitIds?: string[]; limit: number }) {
  const where: SQL[] = [];
  if (f.q) {
    const pattern = containsPattern(f.q);
    where.push(like(residents.name, pattern), like(residents.phone, pattern));
    if (f.unitIds?.length) where.push(inArray(residents.unitId, f.unitIds));
  }
  return db
    .select()
    .from(residents)
    .where(where.length ? or(...where) : undefined)
    .orderBy(desc(residents.createdAt), desc(residents.id))
    .limit(f.limit);
}

/** The resident's requests for their record: those that name them or carry their phone, newest first. */
export async function requestsOfRecord(db: BranchDb, r: { id: string; phone: string }, limit = 50) {
  return db
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      status: requests.status,
      description: requests.description,
      createdAt: requests.createdAt,
    })
    .from(requests)
    .where(or(eq(requests.residentId, r.id), eq(requests.contactPhone, r.phone)))
    .orderBy(desc(requests.createdAt))
    .limit(limit);
}

/** Every verified resident with the units they are known at: their record's unit and each unit they filed a request from. */
export async function verifiedResidentUnits(db: BranchDb) {
  const [people, filed] = await Promise.all([
    db
      .select({ id: residents.id, locale: residents.locale, phone: residents.phone, unitId: residents.unitId })
      .from(residents)
      .where(isNotNull(residents.verifiedAt)),
    db
      .selectDistinct({ residentId: requests.residentId, phone: requests.contactPhone, unitId: requests.unitId })
      .from(requests)
      .where(isNotNull(requests.unitId)),
  ]);
  return people.map((p) => ({
    id: p.id,
    locale: p.locale,
    unitIds: [
      ...new Set(
        [p.unitId, ...filed.filter((f) => f.residentId === p.id || f.phone === p.phone).map((f) => f.unitId)].filter(
          (u): u is string => !!u,
        ),
      ),
    ],
  }));
}
