import { env } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { expect } from "vitest";
import { call } from "./helpers.ts";

/** Reads the code the way the resident would: from the SMS waiting in the outbox. */
export async function codeSentTo(branch: string, phone: string): Promise<string> {
  const dbs = openDatabases(env);
  const b = (await dbs.branch({ slug: branch }))!;
  for (let i = 0; i < 50; i++) {
    const rows = await dbs
      .branchDb(b)
      .$client.execute({ sql: "select payload from outbox where topic = 'notifications' order by created_at desc" });
    for (const row of rows.rows) {
      const p = JSON.parse(String(row.payload));
      if (p.to === phone) return String(p.params.code);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no code sent");
}

let phoneSeq = 0;
/** A phone number no other test uses. */
export function freshPhone(prefix = "1360") {
  phoneSeq += 1;
  return `${prefix}${String(Date.now() % 10_000).padStart(4, "0")}${String(phoneSeq).padStart(3, "0")}`;
}

/** A resident who verifies a phone through the portal (a fresh one unless given): their token and id. */
export async function verifiedResident(branch = "yangguang", phone = freshPhone()) {
  expect((await call("POST", `/api/v1/public/branches/${branch}/verify/start`, { body: { phone } })).status).toBe(202);
  const code = await codeSentTo(branch, phone);
  const ok = await call("POST", `/api/v1/public/branches/${branch}/verify/confirm`, { body: { phone, code } });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  const sub = JSON.parse(atob(ok.body.token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).sub as string;
  return { token: ok.body.token as string, id: sub, phone };
}
