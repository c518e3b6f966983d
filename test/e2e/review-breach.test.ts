import { describe, expect, inject, it } from "vitest";

// A non-standard repair whose 15-minute engineering review is missed: through the real stack (wrangler dev,
// queues, the deadlines consumer and sweep, the notify worker), the breach goes to engineering and escalates.
const base = () => inject("baseUrl");
const logins = () => JSON.parse(inject("logins")) as Array<{ email: string; password: string; role: string; branch: string | null }>;
const MIN = 60_000;

async function api(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}
async function tokenOf(role: string) {
  const l = logins().find((x) => x.role === role && x.branch === "binjiang")!;
  const res = await api("POST", "/api/v1/auth/login", { body: { email: l.email, password: l.password } });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}
const inboxOf = async (token: string) =>
  (await api("GET", "/api/v1/console/inbox", { token })).body.items as Array<{
    type: string;
    body: string;
    title: string;
    requestId: string | null;
  }>;

describe("non-standard repair review (15 minutes) breaches and escalates", () => {
  it("engineering gets the review, then its breach; the service-center supervisor gets the escalation", async () => {
    const [agent, engineering, supervisor] = [
      await tokenOf("agent"),
      await tokenOf("engineeringSupervisor"),
      await tokenOf("serviceSupervisor"),
    ];
    const created = await api("POST", "/api/v1/console/requests", {
      token: agent,
      body: {
        kind: "repair",
        channel: "walk-in",
        description: "想在阳台加装不锈钢晾衣架(价目表上没有)",
        contact: { name: "钱业主", phone: "13611112222" },
        location: { area: "5栋 1201 阳台" },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const referred = await api("POST", `/api/v1/console/requests/${id}/actions/refer-for-review`, {
      token: agent,
      body: { item: "阳台加装不锈钢晾衣架" },
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    const t0 = Date.now();
    const detail = await api("GET", `/api/v1/console/requests/${id}`, { token: agent });
    const review = detail.body.milestones.find((m: { name: string }) => m.name === "review");
    expect(review.status).toBe("open");
    expect(Date.parse(review.dueAt) - t0).toBeLessThanOrEqual(15 * MIN);
    await expect
      .poll(async () => (await inboxOf(engineering)).some((i) => i.requestId === id && i.type === "workOrder.review"), {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(true);

    // Nobody reviews it. The sweep runs 50 minutes later: breach (+15), escalation 0 (+15), escalation 1 (+45).
    const sweepAt = String(t0 + 50 * MIN); // epoch milliseconds, as the dev sweep route expects
    await expect
      .poll(
        async () => {
          await api("POST", "/api/v1/dev/sweep", { headers: { "x-sweep-at": sweepAt } });
          return (await inboxOf(supervisor)).some((i) => i.requestId === id && i.type === "milestone.escalation");
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);
    const eng = (await inboxOf(engineering)).filter((i) => i.requestId === id).map((i) => i.type);
    expect(eng).toEqual(expect.arrayContaining(["milestone.breach"]));
    // The missed review is on record: it still counts as breached after a late decision.
    const late = await api("POST", `/api/v1/console/requests/${id}/actions/review`, {
      token: engineering,
      body: { feasible: true, priceFen: 18000, note: "可以安装,含材料" },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    const after = await api("GET", `/api/v1/console/requests/${id}`, { token: agent });
    const reviewed = after.body.milestones.find((m: { name: string }) => m.name === "review");
    expect(reviewed.status).toBe("met");
    expect(reviewed.breachedAt).not.toBeNull();
  }, 120_000);
});
