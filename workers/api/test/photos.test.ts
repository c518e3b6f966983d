import { env, SELF } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { JPEG, PNG, withTail } from "../../../packages/core/test/fixtures/images.ts";
import { call, expectProblem, tokenFor, uniqueIp } from "./helpers.ts";

// Photos (ARCHITECTURE.md "Photos"): the console's request detail and the tracking answer list
// `attachments: [{id, url, contentType}]`; the url serves the image to staff of the branch (Bearer) and to the
// holder of the tracking code; everyone else gets 404. Uploads: whole images only, limited per IP and branch.

async function upload(bytes: Uint8Array, contentType: string, opts: { branch?: string; ip?: string; token?: string } = {}) {
  const path = opts.token ? "/api/v1/console/attachments" : `/api/v1/public/branches/${opts.branch ?? "yangguang"}/attachments`;
  const res = await SELF.fetch(`http://localhost${path}`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "cf-connecting-ip": opts.ip ?? uniqueIp(),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: bytes,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function get(url: string, token?: string) {
  const res = await SELF.fetch(`http://localhost${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** A resident's repair with one photo; its id, tracking code and the photo's id. */
async function requestWithPhoto(bytes = JPEG, type = "image/jpeg") {
  const up = await upload(bytes, type);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const made = await call("POST", "/api/v1/public/branches/yangguang/requests", {
    body: {
      kind: "repair",
      category: "water-fixture",
      description: "水龙头滴水,见照片",
      contact: { name: "柯", phone: "13700137555" },
      location: { area: "3栋大堂" },
      attachmentIds: [up.body.id],
    },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { id: made.body.id as string, code: made.body.trackingCode as string, photoId: up.body.id as string };
}

describe("who gets a photo", () => {
  it("staff of the branch by the detail's url, the code's holder by the tracking answer's url; nobody else", async () => {
    const r = await requestWithPhoto();
    const agent = await tokenFor("agent");
    const detail = await call("GET", `/api/v1/console/requests/${r.id}`, { token: agent });
    expect(detail.body.attachments).toEqual([expect.objectContaining({ id: r.photoId, contentType: "image/jpeg", purpose: "photo", step: null })]);
    const staffUrl = detail.body.attachments[0].url as string;
    const tracking = await call("GET", `/api/v1/public/requests/${r.code}`);
    expect(tracking.body.attachments).toEqual([expect.objectContaining({ id: r.photoId, contentType: "image/jpeg" })]);
    const publicUrl = tracking.body.attachments[0].url as string;

    const asStaff = await get(staffUrl, agent);
    expect(asStaff.status).toBe(200);
    expect(asStaff.bytes).toEqual(JPEG);
    expect(asStaff.headers.get("content-type")).toBe("image/jpeg");
    expect(asStaff.headers.get("x-content-type-options")).toBe("nosniff");
    expect(asStaff.headers.get("content-disposition")).toBe(`inline; filename="${r.photoId}.jpg"`);
    expect(asStaff.headers.get("cache-control")).toMatch(/^private/);
    const asHolder = await get(publicUrl);
    expect(asHolder.status).toBe(200);
    expect(asHolder.bytes).toEqual(JPEG);

    // Everyone else: 404, whatever they hold.
    expect((await get(staffUrl)).status).toBe(404);
    expect((await get(staffUrl, "not.a.token")).status).toBe(404);
    expect((await get(staffUrl, await tokenFor("agent", "binjiang"))).status).toBe(404);
    expect((await get(staffUrl, await tokenFor("hqSupervisor", null))).status).toBe(404);
    const wrong = `${r.code.slice(0, -1)}${r.code.endsWith("2") ? "3" : "2"}`;
    expect((await get(`/api/v1/public/requests/${wrong}/attachments/${r.photoId}`)).status).toBe(404);
    const other = await requestWithPhoto(PNG, "image/png");
    expect((await get(`/api/v1/public/requests/${other.code}/attachments/${r.photoId}`)).status).toBe(404);
    expect((await get(`/api/v1/public/requests/${r.code}/attachments/att_nope`)).status).toBe(404);
    const problem = await call("GET", staffUrl);
    expectProblem(problem, 404);
  });

  it("an upload no request took is nobody's yet, and a technician sees only their own jobs' photos", async () => {
    const loose = await upload(PNG, "image/png");
    expect((await get(`/api/v1/attachments/${loose.body.id}`, await tokenFor("agent"))).status).toBe(404);
    const r = await requestWithPhoto();
    const technician = await tokenFor("technician");
    expect((await get(`/api/v1/attachments/${r.photoId}`, technician)).status).toBe(404);
  });

  it("serves a photo only as the image its bytes are", async () => {
    const r = await requestWithPhoto(PNG, "image/png");
    const agent = await tokenFor("agent");
    const ok = await get(`/api/v1/attachments/${r.photoId}`, agent);
    expect(ok.headers.get("content-type")).toBe("image/png");
    // Bytes changed behind the database's back (not an image any more): not served at all.
    const branch = (await openDatabases(env).branch({ slug: "yangguang" }))!;
    await env.ATTACHMENTS.put(`${branch.id}/${r.photoId}`, new TextEncoder().encode("<html><script>alert(1)</script>"));
    expect((await get(`/api/v1/attachments/${r.photoId}`, agent)).status).toBe(404);
  });
});

describe("uploads", () => {
  it.each([
    ["a JPEG header followed by a script", withTail(JPEG.slice(0, 20), "<html><script>alert(1)</script>"), "image/jpeg"],
    ["a whole JPEG with a script after its end", withTail(JPEG, "<html><script>alert(1)</script>"), "image/jpeg"],
    ["a whole PNG with bytes after IEND", withTail(PNG, "<html>"), "image/png"],
    ["a PNG declared as JPEG", PNG, "image/jpeg"],
    ["a truncated PNG", PNG.slice(0, PNG.length - 6), "image/png"],
  ])("refuse %s (415)", async (_n, bytes, type) => {
    const res = await upload(bytes, type);
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("are limited per client IP in the hour (30), then 429, while another IP goes on", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 30; i++) expect((await upload(PNG, "image/png", { ip, branch: "hupan" })).status).toBe(201);
    const refused = await upload(PNG, "image/png", { ip, branch: "hupan" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await upload(PNG, "image/png", { branch: "hupan" })).status).toBe(201);
  });

  it("are limited per branch in the hour, whatever the IP", async () => {
    const dbs = openDatabases(env);
    const branch = (await dbs.branch({ slug: "binjiang" }))!;
    const window = Math.floor(Date.now() / 3_600_000);
    await dbs.branchDb(branch).$client.execute({
      sql: "insert into rate_counters (key, window, count, cap) values (?, ?, 600, 600) on conflict (key, window) do update set count = 600",
      args: [`upload-branch:${branch.id}`, window],
    });
    expect((await upload(PNG, "image/png", { branch: "binjiang" })).status).toBe(429);
    expect((await upload(PNG, "image/png", { branch: "yangguang" })).status).toBe(201);
  });

  it("staff upload through the console with their token; a resident's token or none is refused", async () => {
    const technician = await tokenFor("technician");
    const up = await upload(JPEG, "image/jpeg", { token: technician });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const none = await SELF.fetch("http://localhost/api/v1/console/attachments", {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: PNG,
    });
    expect(none.status).toBe(401);
  });
});
