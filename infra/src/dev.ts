import { join } from "node:path";
import { buildWeb, startStack } from "./stack.ts";

const port = Number(process.env.PORT ?? 8787);
buildWeb(true);
const stack = await startStack({ port, sweepSeconds: Number(process.env.DEV_SWEEP_SECONDS ?? 60) });

console.log(`
  物业客服 service desk is running at ${stack.url}
    resident portal   ${stack.url}/b/yangguang
    staff console     ${stack.url}/console
    head office       ${stack.url}/hq
    API docs          ${stack.url}/api/docs
    health            ${stack.url}/api/v1/health
  demo logins (password for all: ${stack.logins[0]?.password}) — also in ${join(stack.dataDir, "demo-logins.json")}:`);
for (const l of stack.logins) console.log(`    ${l.role.padEnd(22)} ${l.email.padEnd(40)} ${l.branch ?? "(head office / region)"}`);
console.log("\n  Ctrl-C stops everything.\n");

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
