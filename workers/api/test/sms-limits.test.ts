import { describe, expect, it } from "vitest";
import { SMS_HOURLY_LIMITS } from "@wuye/core";
import { call, expectProblem } from "./helpers.ts";

// A one-time code is a text message the branch pays for, and anyone can ask for one: each client IP may ask
// for a few an hour, whatever phone numbers it names (eleven numbers from one IP all got codes before).
describe("SMS limits on verification codes", () => {
  it("one IP asking for codes to many phones is stopped at the hourly limit, with Retry-After", async () => {
    const ip = "198.51.100.77";
    const statuses: number[] = [];
    for (let i = 0; i < SMS_HOURLY_LIMITS.perIp; i++) {
      const res = await call("POST", "/api/v1/public/branches/binjiang/verify/start", {
        body: { phone: `1390000${String(2000 + i)}` },
        headers: { "cf-connecting-ip": ip },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(SMS_HOURLY_LIMITS.perIp).fill(202));
    const refused = await call("POST", "/api/v1/public/branches/binjiang/verify/start", {
      body: { phone: "13900002999" },
      headers: { "cf-connecting-ip": ip },
    });
    expectProblem(refused, 429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
  });

  it("another IP is not held back by the first one's limit", async () => {
    const res = await call("POST", "/api/v1/public/branches/binjiang/verify/start", {
      body: { phone: "13900003001" },
      headers: { "cf-connecting-ip": "198.51.100.78" },
    });
    expect(res.status).toBe(202);
  });
});
