import { env } from "cloudflare:test";
import { loggedLines as logged, until } from "@wuye/infra/worker-test-log";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

describe("a malformed request event", () => {
  it("is retried, not acked, and ends in the dead-letter queue with the fields at fault", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const marker = `probe-${Math.random().toString(36).slice(2)}`;
    // Through a real queue (see wrangler.test.jsonc): no requestId, a string for `at`.
    await (env as unknown as { PROBE_EVENTS: Queue }).PROBE_EVENTS.send({ eventId: marker, type: "request.created", at: "soon" });
    const dead = await until(() =>
      logged(spy).find((l) => l.msg === "request event dead-lettered" && JSON.stringify(l.body).includes(marker)),
    );
    expect(dead.queue).toBe("request-events-dlq");
    expect(dead.reason).toMatch(/^malformed: /);
    expect(dead.reason).toContain("requestId");
    expect(dead.reason).toContain("at");
    // Before: retried with the same reason logged, each time (max_retries 1: two deliveries).
    const retries = logged(spy).filter((l) => l.eventId === marker && l.msg === "malformed request event; retried until dead-lettered");
    expect(retries.map((r) => r.attempts)).toEqual([1, 2]);
    expect(retries[0]!.reason).toContain("requestId");
  });
});
