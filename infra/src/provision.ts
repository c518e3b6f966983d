import { defaultBranchSettings } from "@wuye/core";
import { type ControlDb, createLibsqlClient, migrate, schema } from "@wuye/db";
import { createDatabase, type DatabaseHost, databaseToken } from "./database-host.ts";

export interface GroupDatabases {
  controlUrl: string;
  supervisionUrl: string;
}

/** The two shared databases of a deployment: control and supervision, created and migrated. */
export async function provisionGroup(host: DatabaseHost): Promise<GroupDatabases> {
  const token = databaseToken(host);
  const control = await createDatabase(host, "control");
  const supervision = await createDatabase(host, "supervision");
  await migrate(createLibsqlClient({ url: control.url, authToken: token }), "control");
  await migrate(createLibsqlClient({ url: supervision.url, authToken: token }), "supervision");
  return { controlUrl: control.url, supervisionUrl: supervision.url };
}

export interface BranchInput {
  id: string;
  orgId: string;
  regionId: string | null;
  slug: string;
  trackingPrefix: string;
  name: string;
  nameEn: string;
  servicePhone: string;
  complaintPhone: string;
  timeZone?: string;
}

/** A tenant: its own database, migrated, then its row and default settings in the control database. */
export async function provisionBranch(host: DatabaseHost, control: ControlDb, input: BranchInput): Promise<{ dbUrl: string }> {
  const db = await createDatabase(host, `branch-${input.slug}`);
  await migrate(createLibsqlClient({ url: db.url, authToken: databaseToken(host) }), "branch");
  const now = Date.now();
  await control
    .insert(schema.control.branches)
    .values({ ...input, timeZone: input.timeZone ?? "Asia/Shanghai", dbUrl: db.url, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: schema.control.branches.id, set: { dbUrl: db.url, updatedAt: now } });
  await control
    .insert(schema.control.branchSettings)
    .values({ branchId: input.id, settings: defaultBranchSettings(), version: 1, updatedAt: now })
    .onConflictDoNothing();
  await control
    .insert(schema.control.branchSettingsHistory)
    .values({ branchId: input.id, version: 1, settings: defaultBranchSettings(), createdAt: now })
    .onConflictDoNothing();
  return { dbUrl: db.url };
}
