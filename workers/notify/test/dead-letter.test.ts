import { env } from "cloudflare:test";
import { loggedLines as logged, until } from "@wuye/infra/worker-test-log";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

describe("a malformed notification", () => {
  it("is retried, not acked, and ends in the dead-letter queue with the fields at fault", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    // Through a real queue (see wrangler.test.jsonc): an unknown type, no branch.
    await (env as unknown as { PROBE_NOTIFICATIONS: Queue }).PROBE_NOTIFICATIONS.send({ notificationId: "ntf_probe_1", type: "no.such" });
    const dead = await until(() => logged(spy).find((l) => l.msg === "malformed notification dead-lettered"));
    expect(dead.queue).toBe("notifications-dlq");
    expect(dead.reason).toContain("type");
    expect(dead.reason).toContain("branchId");
    const retries = logged(spy).filter((l) => l.msg === "malformed notification; retried until dead-lettered");
    expect(retries.map((r) => [r.queue, r.attempts])).toEqual([
      ["notifications-probe", 1],
      ["notifications-probe", 2],
    ]);
  });
});
