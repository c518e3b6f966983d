import { env } from "cloudflare:test";
import { insertAttachment } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { sweep } from "../src/sweep.ts";
import { dbs, recorder, submit } from "./fixtures.ts";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-21T02:00:00Z");

describe("the sweep deletes uploads no request took within 24 h", () => {
  it("deletes the row and the bytes of a stale upload, and keeps fresh and attached ones", async () => {
    const d = dbs();
    const { branch, plan } = await submit("hupan", "repair", "water-outage", T0);
    const db = d.branchDb(branch);
    const bucket = (env as unknown as { ATTACHMENTS: R2Bucket }).ATTACHMENTS;
    const put = async (id: string, at: number, requestId: string | null) => {
      const objectKey = `${branch.id}/${id}`;
      await bucket.put(objectKey, new Uint8Array([1, 2, 3]));
      await insertAttachment(db, { id, objectKey, contentType: "image/png", size: 3, createdAt: at, requestId });
      return objectKey;
    };
    const stale = await put("att_sweep_stale", T0 - 25 * HOUR, null);
    const fresh = await put("att_sweep_fresh", T0 - 23 * HOUR, null);
    const taken = await put("att_sweep_taken", T0 - 48 * HOUR, plan.request.id);
    const result = await sweep(d, recorder().send, T0, bucket);
    expect(result.uploadsDeleted).toBeGreaterThanOrEqual(1);
    const left = await db.$client.execute("select id from attachments where id like 'att_sweep_%' order by id");
    expect(left.rows.map((r) => r.id)).toEqual(["att_sweep_fresh", "att_sweep_taken"]);
    expect(await bucket.get(stale)).toBeNull();
    expect(await bucket.get(fresh)).not.toBeNull();
    expect(await bucket.get(taken)).not.toBeNull();
    // A second sweep has nothing more to delete of these.
    await sweep(d, recorder().send, T0, bucket);
    expect((await db.$client.execute("select count(*) n from attachments where id like 'att_sweep_%'")).rows[0]!.n).toBe(2);
  });
});
