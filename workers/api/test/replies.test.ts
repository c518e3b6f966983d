import { describe, expect, it } from "vitest";
import { call, expectProblem, tokenFor } from "./helpers.ts";

async function complaint() {
  const token = await tokenFor("agent");
  const res = await call("POST", "/api/v1/console/requests", {
    token,
    body: {
      kind: "complaint",
      category: "attitude",
      description: "保安说话很冲",
      contact: { name: "严", phone: "13100131001" },
      location: { area: "东门岗亭" },
      channel: "phone",
    },
  });
  expect(res.status).toBe(201);
  return { token, id: res.body.id as string, trackingCode: res.body.trackingCode as string };
}

describe("replies and the language guard", () => {
  it("gives live hints while typing", async () => {
    const token = await tokenFor("agent");
    const res = await call("POST", "/api/v1/console/reply-check", { token, body: { text: "这个不是我管的" } });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.hits[0]).toMatchObject({ phrase: "不是我管的", index: 2 });
    expect((await call("POST", "/api/v1/console/reply-check", { token, body: { text: "不好意思,我们马上处理" } })).body.ok).toBe(true);
  });

  it("blocks an agent's blunt reply with the phrase and a polite form, and stores nothing", async () => {
    const { token, id, trackingCode } = await complaint();
    const blocked = await call("POST", `/api/v1/console/requests/${id}/replies`, { token, body: { text: "这个不是我管的,你找别人" } });
    expectProblem(blocked, 422, "text");
    expect(blocked.body.hits[0].phrase).toBe("不是我管的");
    expect(blocked.body.errors[0].message).toContain("相关部门");
    const tracked = await call("GET", `/api/v1/public/requests/${trackingCode}`);
    expect(tracked.body.timeline.map((e: { type: string }) => e.type)).toEqual(["request.created"]);
  });

  it("sends a polite reply that the resident sees on the tracking page", async () => {
    const { token, id, trackingCode } = await complaint();
    const sent = await call("POST", `/api/v1/console/requests/${id}/replies`, {
      token,
      body: { text: "对不起,给您带来不便,我们会严肃处理并在今天内回复您" },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const tracked = await call("GET", `/api/v1/public/requests/${trackingCode}`);
    expect(tracked.body.timeline.at(-1)).toMatchObject({ type: "reply.sent", note: "对不起,给您带来不便,我们会严肃处理并在今天内回复您" });
  });

  it("lets a supervisor override with a reason on record, not an agent", async () => {
    const { id } = await complaint();
    const agent = await tokenFor("agent");
    expectProblem(
      await call("POST", `/api/v1/console/requests/${id}/replies`, {
        token: agent,
        body: { text: "不行", override: { reason: "业主要求明确答复" } },
      }),
      403,
    );
    const supervisor = await tokenFor("serviceSupervisor");
    const ok = await call("POST", `/api/v1/console/requests/${id}/replies`, {
      token: supervisor,
      body: { text: "按规定不可以在楼道堆放杂物", override: { reason: "引用管理规约原文,须明确告知" } },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const detail = await call("GET", `/api/v1/console/requests/${id}`, { token: supervisor });
    const event = detail.body.events.find((e: { type: string }) => e.type === "reply.sent");
    expect(event.data.override).toMatchObject({ reason: "引用管理规约原文,须明确告知", hits: ["不"] });
    expectProblem(
      await call("POST", `/api/v1/console/requests/${id}/replies`, {
        token: supervisor,
        body: { text: "好的", override: { reason: "没有必要的覆盖" } },
      }),
      400,
      "override",
    );
    expectProblem(
      await call("POST", `/api/v1/console/requests/${id}/replies`, {
        token: supervisor,
        body: { text: "好的" },
        headers: { "if-match": '"1"' },
      }),
      412,
    );
    expectProblem(
      await call("POST", `/api/v1/console/requests/${id}/replies`, { token: await tokenFor("agent", "binjiang"), body: { text: "好的" } }),
      404,
    );
  });
});
