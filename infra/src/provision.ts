import { createDatabase, createLibsqlClient, type DatabaseHost, databaseToken, migrate } from "@wuye/db";

export { type BranchInput, provisionBranch } from "@wuye/db";

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
