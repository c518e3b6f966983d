import { env, SELF } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { JPEG, PNG, withTail } from "../../../packages/core/test/fixtures/images.ts";
import { call, expectProblem, subjectOf, tokenFor, uniqueIp } from "./helpers.ts";

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

let residents = 0;
/** A resident's repair with one photo; its id, tracking code and the photo's id. */
async function requestWithPhoto(bytes = JPEG, type = "image/jpeg") {
  residents += 1;
  const up = await upload(bytes, type);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const made = await call("POST", "/api/v1/public/branches/yangguang/requests", {
    body: {
      kind: "repair",
      category: "water-fixture",
      description: `水龙头滴水,见照片(${residents})`,
      contact: { name: "柯", phone: `1370013${String(7000 + residents)}` },
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
    expect(detail.body.attachments).toEqual([
      expect.objectContaining({ id: r.photoId, contentType: "image/jpeg", purpose: "photo", step: null }),
    ]);
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

describe("photos and the signature taken by steps", () => {
  it("before / after photos at arrive and complete-work, the drawn signature at sign-off, each taken once", async () => {
    const agent = await tokenFor("agent");
    const technician = await tokenFor("technician");
    const made = await call("POST", "/api/v1/console/requests", {
      token: agent,
      body: {
        kind: "repair",
        channel: "phone",
        category: "water-fixture",
        description: "厨房龙头坏了",
        contact: { name: "祁", phone: "13700139911" },
        location: { area: "7栋 301" },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const { id, trackingCode } = made.body;
    const act = async (token: string, action: string, body: unknown, status = 200) => {
      const res = await call("POST", `/api/v1/console/requests/${id}/actions/${action}`, { token, body });
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(status);
      return res;
    };
    await act(agent, "dispatch", { technicianId: subjectOf(technician), itemCode: "tap-washer" });
    const before = await upload(JPEG, "image/jpeg", { token: technician });
    const elsewhere = await upload(PNG, "image/png", { branch: "hupan" });
    expect(elsewhere.status).toBe(201);
    // Another branch's upload, a made-up id and an id twice are refused, naming the field; nothing changes.
    expectProblem(await act(technician, "arrive", { confirmed: true, photos: [elsewhere.body.id] }, 400), 400, "photos.0");
    expectProblem(await act(technician, "arrive", { confirmed: true, photos: ["att_0000000000zzzzzzzzzzzz"] }, 400), 400, "photos.0");
    expectProblem(await act(technician, "arrive", { confirmed: true, photos: [before.body.id, before.body.id] }, 400), 400, "photos");
    await act(technician, "arrive", { confirmed: true, photos: [before.body.id] });
    await act(technician, "quote", { lines: [{ code: "tap-washer", qty: 1 }] });
    await act(technician, "accept-quote", {});
    // A photo already taken by a step is not taken again.
    expectProblem(
      await act(technician, "complete-work", { workDone: "换阀芯", materials: [], photos: [before.body.id] }, 400),
      400,
      "photos.0",
    );
    const after = await upload(PNG, "image/png", { token: technician });
    await act(technician, "complete-work", { workDone: "换阀芯,试水正常", materials: [], photos: [after.body.id] });
    const signature = await upload(PNG, "image/png");
    const signed = await call("POST", `/api/v1/public/requests/${trackingCode}/actions/confirm-completion`, {
      body: { amountFen: 3500, signature: "祁先生", signatureId: signature.body.id },
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);

    const detail = await call("GET", `/api/v1/console/requests/${id}`, { token: agent });
    expect(detail.body.attachments.map((a: { id: string; purpose: string; step: string }) => [a.id, a.purpose, a.step])).toEqual([
      [before.body.id, "photo", "arrive"],
      [after.body.id, "photo", "complete-work"],
      [signature.body.id, "signature", "confirm-completion"],
    ]);
    const wf = await call("GET", `/api/v1/console/requests/${id}/workflow`, { token: agent });
    expect(wf.body.record.onSite.photos).toEqual([before.body.id]);
    expect(wf.body.record.work.photos).toEqual([after.body.id]);
    expect(wf.body.record.acceptance).toMatchObject({ signature: "祁先生", signatureId: signature.body.id });
    // The resident sees the signature and the photos through the tracking code, as images.
    const tracking = await call("GET", `/api/v1/public/requests/${trackingCode}`);
    expect(tracking.body.attachments).toHaveLength(3);
    for (const a of tracking.body.attachments) expect((await get(a.url)).status).toBe(200);
    // And the technician sees their own job's photos.
    expect((await get(`/api/v1/attachments/${after.body.id}`, technician)).status).toBe(200);
  });
});
