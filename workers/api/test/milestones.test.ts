import { describe, expect, it } from "vitest";
import { call, expectProblem, tokenFor } from "./helpers.ts";

async function newRepair(branch = "yangguang") {
  const token = await tokenFor("agent", branch);
  const created = await call("POST", "/api/v1/console/requests", {
    token,
    body: {
      kind: "repair",
      category: "door-window",
      description: "门锁坏了",
      contact: { name: "冯", phone: "13500135001" },
      location: { area: "6栋" },
      channel: "phone",
    },
  });
  expect(created.status).toBe(201);
  const detail = await call("GET", `/api/v1/console/requests/${created.body.id}`, { token });
  return {
    token,
    id: created.body.id as string,
    milestone: detail.body.milestones[0] as { id: string; dueAt: string },
    etag: detail.headers.get("etag")!,
  };
}

const path = (id: string, ms: string, action: string) => `/api/v1/console/requests/${id}/milestones/${ms}/${action}`;

describe("milestone actions", () => {
  it("pauses while waiting on the resident and moves the due time by the pause on resume", async () => {
    const { token, id, milestone, etag } = await newRepair();
    const paused = await call("POST", path(id, milestone.id, "pause"), {
      token,
      body: { reason: "appointment", note: "业主约周六上午" },
      headers: { "if-match": etag },
    });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body).toMatchObject({ status: "paused", dueAt: null });
    await new Promise((r) => setTimeout(r, 1100));
    const resumed = await call("POST", path(id, milestone.id, "resume"), {
      token,
      body: {},
      headers: { "if-match": paused.headers.get("etag")! },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe("open");
    const moved = Date.parse(resumed.body.dueAt) - Date.parse(milestone.dueAt);
    expect(moved).toBeGreaterThanOrEqual(1000);
    expect(moved).toBeLessThan(10_000);
    // Engineering marks it met (a technician would have to be the one the job was dispatched to).
    const met = await call("POST", path(id, milestone.id, "met"), { token: await tokenFor("engineeringSupervisor"), body: {} });
    expect(met.body).toMatchObject({ status: "met" });
    expect(met.body.metAt).toBeTruthy();
    const detail = await call("GET", `/api/v1/console/requests/${id}`, { token });
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      "request.created",
      "milestone.paused",
      "milestone.resumed",
      "milestone.met",
    ]);
    const tracked = await call("GET", `/api/v1/public/requests/${detail.body.trackingCode}`);
    expect(tracked.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      "request.created",
      "milestone.paused",
      "milestone.resumed",
    ]);
  });

  it("answers 409 when the state machine forbids the action", async () => {
    const { token, id, milestone } = await newRepair();
    expectProblem(await call("POST", path(id, milestone.id, "resume"), { token, body: {} }), 409);
    await call("POST", path(id, milestone.id, "met"), { token, body: {} });
    expectProblem(await call("POST", path(id, milestone.id, "pause"), { token, body: { reason: "other" } }), 409);
    expectProblem(await call("POST", path(id, milestone.id, "met"), { token, body: {} }), 409);
    expectProblem(await call("POST", path(id, milestone.id, "breach-reason"), { token, body: { reason: "人手不足" } }), 409);
  });

  it("answers 412 to a stale If-Match and writes nothing", async () => {
    const { token, id, milestone, etag } = await newRepair();
    expect(
      (
        await call("POST", path(id, milestone.id, "pause"), {
          token,
          body: { reason: "resident-unreachable" },
          headers: { "if-match": etag },
        })
      ).status,
    ).toBe(200);
    const stale = await call("POST", path(id, milestone.id, "resume"), { token, body: {}, headers: { "if-match": etag } });
    expectProblem(stale, 412);
    const detail = await call("GET", `/api/v1/console/requests/${id}`, { token });
    expect(detail.body.milestones[0].status).toBe("paused");
    expectProblem(
      await call("POST", path(id, milestone.id, "resume"), { token, body: {}, headers: { "if-match": "banana" } }),
      400,
      "If-Match",
    );
  });

  it("keeps other tenants, supervisors and bad input out", async () => {
    const { id, milestone } = await newRepair();
    expectProblem(
      await call("POST", path(id, milestone.id, "pause"), { token: await tokenFor("agent", "binjiang"), body: { reason: "other" } }),
      404,
    );
    expectProblem(
      await call("POST", path(id, milestone.id, "pause"), { token: await tokenFor("hqSupervisor", null), body: { reason: "other" } }),
      403,
    );
    expectProblem(await call("POST", path(id, milestone.id, "pause"), { body: { reason: "other" } }), 401);
    expectProblem(
      await call("POST", path(id, milestone.id, "pause"), { token: await tokenFor("agent"), body: { reason: "coffee" } }),
      400,
      "reason",
    );
    expectProblem(await call("POST", path(id, "ms_nope", "pause"), { token: await tokenFor("agent"), body: { reason: "other" } }), 404);
  });
});
