import { env } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { JPEG, PNG } from "../../../packages/core/test/fixtures/images.ts";
import { call, expectProblem } from "./helpers.ts";
import { codeSentTo } from "./residents.ts";

async function upload(bytes: Uint8Array, contentType: string, branch = "yangguang") {
  const { SELF } = await import("cloudflare:test");
  const res = await SELF.fetch(`http://localhost/api/v1/public/branches/${branch}/attachments`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: bytes,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe("photos", () => {
  it("stores an image and links it to the request", async () => {
    const up = await upload(PNG, "image/png");
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const res = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "repair",
        category: "roof-leak",
        description: "屋顶漏水,见照片",
        contact: { name: "林", phone: "13800138111" },
        location: { area: "5栋顶楼" },
        attachmentIds: [up.body.id],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The same photo cannot be attached twice.
    const again = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "repair",
        description: "再来一次",
        contact: { name: "林", phone: "13800138112" },
        location: { area: "5栋" },
        attachmentIds: [up.body.id],
      },
    });
    expectProblem(again, 400, "attachmentIds.0");
    const object = await env.ATTACHMENTS.get(`${(await openDatabases(env).branch({ slug: "yangguang" }))!.id}/${up.body.id}`);
    expect(object?.httpMetadata?.contentType).toBe("image/png");
  });

  it.each([
    ["text pretending to be an image", new TextEncoder().encode("hello world"), "image/png", 415],
    ["a JPEG declared as PNG", JPEG, "image/png", 415],
    ["a script", new TextEncoder().encode("<script>alert(1)</script>"), "text/html", 415],
    ["an empty body", new Uint8Array(), "image/jpeg", 415],
  ])("refuses %s", async (_name, bytes, type, status) => {
    const res = await upload(bytes, type);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses a photo over 5 MB", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set(JPEG);
    const res = await upload(big, "image/jpeg");
    expect(res.status).toBe(413);
  });

  it("refuses an unknown photo id", async () => {
    const res = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "repair",
        description: "x",
        contact: { name: "林", phone: "13800138113" },
        location: { area: "5栋" },
        attachmentIds: ["att_nope"],
      },
    });
    expectProblem(res, 400, "attachmentIds.0");
  });
});

describe("resident identity", () => {
  it("verifies a phone with a one-time code and lists that resident's requests in the branch only", async () => {
    const phone = "13600136001";
    const made = await call("POST", "/api/v1/public/branches/binjiang/requests", {
      body: { kind: "inquiry", description: "快递柜在哪里", contact: { name: "何", phone }, location: { area: "门口" } },
    });
    expect(made.status).toBe(201);
    await call("POST", "/api/v1/public/branches/binjiang/requests", {
      body: { kind: "inquiry", description: "别人的问题", contact: { name: "冯", phone: "13600136999" }, location: { area: "门口" } },
    });

    expect((await call("POST", "/api/v1/public/branches/binjiang/verify/start", { body: { phone } })).status).toBe(202);
    const code = await codeSentTo("binjiang", phone);
    const wrong = await call("POST", "/api/v1/public/branches/binjiang/verify/confirm", {
      body: { phone, code: code === "000000" ? "111111" : "000000" },
    });
    expectProblem(wrong, 400, "code");
    const ok = await call("POST", "/api/v1/public/branches/binjiang/verify/confirm", { body: { phone, code } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // A code works once.
    expectProblem(await call("POST", "/api/v1/public/branches/binjiang/verify/confirm", { body: { phone, code } }), 401);

    const mine = await call("GET", "/api/v1/public/branches/binjiang/my/requests", { token: ok.body.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual([made.body.trackingCode]);
    // The token is for one branch only, and staff tokens are not resident tokens.
    expectProblem(await call("GET", "/api/v1/public/branches/yangguang/my/requests", { token: ok.body.token }), 404);
    expectProblem(await call("GET", "/api/v1/public/branches/binjiang/my/requests"), 401);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: ok.body.token }), 401);

    expect(
      (await call("PUT", "/api/v1/public/branches/binjiang/my/preferences", { token: ok.body.token, body: { channels: ["sms"] } })).status,
    ).toBe(204);
    expectProblem(
      await call("PUT", "/api/v1/public/branches/binjiang/my/preferences", { token: ok.body.token, body: { channels: ["fax"] } }),
      400,
    );
    const inbox = await call("GET", "/api/v1/public/branches/binjiang/my/inbox", { token: ok.body.token });
    expect(inbox.status).toBe(200);
    expect(
      (
        await call("GET", "/api/v1/public/branches/binjiang/my/inbox", {
          token: ok.body.token,
          headers: { "if-none-match": inbox.headers.get("etag")! },
        })
      ).status,
    ).toBe(304);
  });

  it("limits code requests and locks after five wrong tries", async () => {
    const phone = "13600136002";
    expect((await call("POST", "/api/v1/public/branches/hupan/verify/start", { body: { phone } })).status).toBe(202);
    expectProblem(await call("POST", "/api/v1/public/branches/hupan/verify/start", { body: { phone } }), 429);
    const code = await codeSentTo("hupan", phone);
    const bad = code === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++)
      expectProblem(await call("POST", "/api/v1/public/branches/hupan/verify/confirm", { body: { phone, code: bad } }), 400);
    expectProblem(await call("POST", "/api/v1/public/branches/hupan/verify/confirm", { body: { phone, code } }), 401);
  });

  it("validates the phone and the code's shape", async () => {
    expectProblem(await call("POST", "/api/v1/public/branches/hupan/verify/start", { body: { phone: "abc" } }), 400, "phone");
    expectProblem(
      await call("POST", "/api/v1/public/branches/hupan/verify/confirm", { body: { phone: "13600136003", code: "12" } }),
      400,
      "code",
    );
  });
});
