import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@wuye/libsql-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBranchDb, createLibsqlClient } from "../src/client/index.ts";
import { migrate } from "../src/migrate/index.ts";
import { changeNotice, findNotice, insertNotice } from "../src/repo/notice.ts";
import { listAudit } from "../src/repo/request.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
const TOKEN = "db-test-token";
const T0 = Date.UTC(2026, 0, 5, 2);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wuye-db-"));
  server = await startServer({ dataDir: dir, port: 0, authToken: TOKEN });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const audit = (id: string, action: string) => ({
  id,
  actorId: "stf_1",
  actorRole: "customerServiceAgent",
  action,
  subjectType: "notice",
  subjectId: "ntc_1",
  detail: {},
  at: T0,
});

describe("a notice's audit entry", () => {
  it("is written with the change, and a change whose entry cannot be written does not happen", async () => {
    const res = await fetch(`${server.url}/v1/databases`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "notice-audit" }),
    });
    expect(res.ok).toBe(true);
    const client = createLibsqlClient({ url: `${server.url}/db/notice-audit`, authToken: TOKEN });
    await migrate(client, "branch");
    const db = createBranchDb(client);
    const row = { id: "ntc_1", title: "停水", body: "明日停水", category: "outage", status: "draft", draftedBy: "stf_1", history: [] };
    await insertNotice(db, { ...row, createdAt: T0, updatedAt: T0 }, [], audit("aud_1", "notice.draft"));
    const history = { action: "submit", by: "stf_1", role: "customerServiceAgent", at: T0 };
    const submit = (auditId: string) =>
      changeNotice(db, {
        id: "ntc_1",
        expectedVersion: 1,
        now: T0,
        patch: { status: "pending" },
        history,
        audit: audit(auditId, "notice.submit"),
      });

    // The entry's id is taken: the insert fails, and the notice stays as it was.
    await expect(submit("aud_1")).rejects.toThrow();
    expect((await findNotice(db, "ntc_1"))?.status).toBe("draft");
    expect((await listAudit(db, { type: "notice", id: "ntc_1" })).map((a) => a.action)).toEqual(["notice.draft"]);

    expect(await submit("aud_2")).toMatchObject({ ok: true, version: 2, row: { id: "ntc_1", status: "pending", version: 2 } });
    expect((await findNotice(db, "ntc_1"))?.status).toBe("pending");
    expect((await listAudit(db, { type: "notice", id: "ntc_1" })).map((a) => a.action).sort()).toEqual(["notice.draft", "notice.submit"]);
    // A stale change writes neither.
    expect(await submit("aud_3")).toEqual({ ok: false, currentVersion: 2 });
    expect(await listAudit(db, { type: "notice", id: "ntc_1" })).toHaveLength(2);
  });
});
