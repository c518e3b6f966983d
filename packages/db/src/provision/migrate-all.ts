import { createLibsqlClient } from "../client/index.ts";
import { appliedMigrations, migrate, migrationTags } from "../migrate/index.ts";

export interface BranchMigration {
  slug: string;
  /** The last applied migration before and after this run (null: none). */
  before: string | null;
  after: string | null;
  status: "migrated" | "current" | "failed";
  applied: string[];
  error?: string;
}

export interface MigrationReport {
  /** The version every branch database should reach: the last branch migration. */
  target: string;
  branches: BranchMigration[];
}

const lastOf = (tags: string[]) => tags.at(-1) ?? null;

/**
 * Brings every branch database to the current version, a few at a time; one that fails is reported with
 * its error and the run goes on. Migrations are idempotent per database, so running it again resumes:
 * what is current is skipped, what failed is tried again.
 */
export async function migrateBranches(
  branches: Array<{ slug: string; dbUrl: string }>,
  opts: { authToken?: string | undefined; concurrency?: number; onBranch?: (result: BranchMigration) => void | Promise<void> } = {},
): Promise<MigrationReport> {
  const results: BranchMigration[] = [];
  const queue = [...branches];
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      const result = await migrateOne(b, opts.authToken);
      results.push(result);
      await opts.onBranch?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  const order = new Map(branches.map((b, i) => [b.slug, i]));
  results.sort((a, b) => order.get(a.slug)! - order.get(b.slug)!);
  return { target: lastOf(migrationTags("branch"))!, branches: results };
}

async function migrateOne(branch: { slug: string; dbUrl: string }, authToken: string | undefined): Promise<BranchMigration> {
  const client = createLibsqlClient({ url: branch.dbUrl, authToken });
  let before: string | null = null;
  try {
    before = lastOf(await appliedMigrations(client));
    const applied = await migrate(client, "branch");
    return {
      slug: branch.slug,
      before,
      after: lastOf(await appliedMigrations(client)),
      status: applied.length ? "migrated" : "current",
      applied,
    };
  } catch (err) {
    const after = await appliedMigrations(client).then(lastOf, () => before);
    return { slug: branch.slug, before, after, status: "failed", applied: [], error: err instanceof Error ? err.message : String(err) };
  } finally {
    client.close();
  }
}
