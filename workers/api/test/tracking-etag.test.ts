import { env } from "cloudflare:test";
import { findRequest, markMilestoneBreached, milestonesOf, openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, tokenFor } from "./helpers.ts";

const track = (code: string, headers: Record<string, string> = {}) => call("GET", `/api/v1/public/requests/${code}`, { headers });

describe("the tracking page polls with ETag", () => {
  it("answers 200 with an ETag, 304 while nothing visible changed, and a new ETag after each change", async () => {
    const made = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "complaint",
        category: "attitude",
        description: "物业前台态度不好",
        contact: { name: "钱", phone: "13700137301" },
        location: { area: "一期前台" },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const code = made.body.trackingCode as string;

    const first = await track(code);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    expect(first.headers.get("vary")?.toLowerCase()).toContain("accept-language");

    // Unchanged: 304 with no body, for the exact tag, a weak form of it and a list that holds it.
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const same = await track(code, { "if-none-match": inm });
      expect(same.status, inm).toBe(304);
      expect(same.body).toBeNull();
      expect(same.headers.get("etag")).toBe(etag);
    }
    // Another language is another view: its own tag.
    const english = await track(code, { "if-none-match": etag, "accept-language": "en" });
    expect(english.status).toBe(200);
    expect(english.headers.get("etag")).not.toBe(etag);

    // A reply from the desk (the request's version moves): 200 with a new tag and the reply in the body.
    const token = await tokenFor("agent");
    const reply = "对不起,给您带来不便,我们今天内回复您";
    const r = await call("POST", `/api/v1/console/requests/${made.body.id}/replies`, { token, body: { text: reply } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const afterReply = await track(code, { "if-none-match": etag });
    expect(afterReply.status).toBe(200);
    expect(afterReply.body.timeline.at(-1)).toMatchObject({ type: "reply.sent", note: reply });
    const etag2 = afterReply.headers.get("etag")!;
    expect(etag2).not.toBe(etag);
    expect((await track(code, { "if-none-match": etag2 })).status).toBe(304);

    // A milestone marked breached by the deadlines worker does not move the request's version, but the
    // resident sees it: the tag changes all the same.
    const dbs = openDatabases(env);
    const db = dbs.branchDb((await dbs.branch({ slug: "yangguang" }))!);
    const request = (await findRequest(db, { trackingCode: code }))!;
    const response = (await milestonesOf(db, [request.id])).find((m) => m.name === "response")!;
    await markMilestoneBreached(db, response.id, Date.now());
    expect((await findRequest(db, { trackingCode: code }))!.version).toBe(request.version);
    const afterBreach = await track(code, { "if-none-match": etag2 });
    expect(afterBreach.status).toBe(200);
    expect(afterBreach.body.milestones.find((m: { name: string }) => m.name === "response").breached).toBe(true);
    expect(afterBreach.headers.get("etag")).not.toBe(etag2);
  });

  it("answers 404 for an unknown code whatever If-None-Match says", async () => {
    const res = await track("YGHY-NOPE-0000", { "if-none-match": "*" });
    expect(res.status).toBe(404);
  });
});
