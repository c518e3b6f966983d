import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "../e2e/browser.ts";
import { base, nextIp, send, tokenOf } from "./probe.ts";

// The browser's protections: what every page and API answer tells the browser, and that the pages still work
// under that policy (no inline script to be blocked).
describe("security headers", () => {
  let trackingCode = "";

  beforeAll(async () => {
    const res = await send("POST", "/public/branches/yangguang/requests", {
      body: JSON.stringify({
        kind: "repair",
        description: "门禁刷卡没有反应",
        contact: { name: "韩女士", phone: "13900000078" },
        location: { area: "北门" },
      }),
    });
    trackingCode = (JSON.parse(res.text) as { trackingCode: string }).trackingCode;
  });

  it("pages: a strict CSP, no sniffing, no referrer, no framing", async () => {
    for (const path of ["/", "/console", "/b/yangguang", "/hq"]) {
      const res = await fetch(`${base()}${path}`, { headers: { "cf-connecting-ip": nextIp() } });
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toMatch(/img-src 'self' blob:/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
    }
  });

  it("api answers: nosniff, same-origin referrer, no HSTS outside production, no-store on personal data", async () => {
    const health = await send("GET", "/health");
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    expect(health.headers.get("referrer-policy")).toBe("same-origin");
    expect(health.headers.get("strict-transport-security")).toBeNull();

    const token = await tokenOf("agent", "yangguang");
    const register = await send("GET", "/console/requests", { token });
    expect(register.status).toBe(200);
    expect(register.headers.get("cache-control")).toContain("no-store");

    const tracking = await send("GET", `/public/requests/${trackingCode}`);
    expect(tracking.status).toBe(200);
    expect(tracking.headers.get("cache-control")).toMatch(/private/);
    expect(tracking.headers.get("cache-control")).toMatch(/no-store/);
  });

  describe("in Chromium, the pages run under the policy", () => {
    let browser: Awaited<ReturnType<typeof launch>>;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("no Content-Security-Policy violation on the portal, the tracking page, the console and the dashboard", async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      for (const path of ["/b/yangguang", `/b/yangguang/t/${trackingCode}`, "/console", "/hq", "/api/docs"]) {
        await page.goto(`${base()}${path}`);
        await page.waitForLoadState("networkidle");
      }
      expect(violations).toEqual([]);
      await page.close();
    });
  });
});
