// Provisions a deployment's databases: control and supervision, then the demo organization's branches
// (`--demo`), on the local libSQL server or on Turso, chosen by the environment (see database-host.ts).
import { createControlDb } from "@wuye/db";
import { databaseToken, hostFromEnv } from "./database-host.ts";
import { provisionGroup } from "./provision.ts";
import { seedDemo } from "./seed.ts";

const host = hostFromEnv();
const { controlUrl, supervisionUrl } = await provisionGroup(host);
console.log(`CONTROL_DB_URL=${controlUrl}\nSUPERVISION_DB_URL=${supervisionUrl}`);
if (process.argv.includes("--demo")) {
  const logins = await seedDemo(host, createControlDb({ url: controlUrl, authToken: databaseToken(host) }));
  console.log(`seeded ${logins.length} demo logins`);
}
