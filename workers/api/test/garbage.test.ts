import { describe, expect, it } from "vitest";
import { call, tokenFor } from "./helpers.ts";

// Every route that takes a JSON body, read from the API's own OpenAPI document, gets garbage.
describe("garbage on every route", () => {
  it("answers problem+json 400 (never 500) to malformed JSON, wrong types and unknown fields", async () => {
    const doc = await call("GET", "/api/v1/openapi.json");
    const token = await tokenFor("branchManager");
    // Administration routes answer only the organization administrator: garbage must get past the role to be read.
    const admin = await tokenFor("orgAdmin", null); // /admin answers 403 to anyone else, before reading a body
    const routes: Array<{ method: string; path: string }> = [];
    for (const [path, ops] of Object.entries(
      doc.body.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.requestBody?.content?.["application/json"])
          routes.push({ method: method.toUpperCase(), path: path.replace("{branch}", "yangguang").replace(/\{[^}]+\}/g, "x_unknown") });
      }
    }
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const bodies = [
      "{not json",
      "[]",
      "null",
      "42",
      '"text"',
      JSON.stringify({ unexpected: true }),
      JSON.stringify({ kind: 42, description: ["a"], phone: {} }),
    ];
    for (const r of routes) {
      for (const rawBody of bodies) {
        const res = await call(r.method, r.path, { token: r.path.startsWith("/api/v1/admin/") ? admin : token, rawBody });
        expect([400, 404], `${r.method} ${r.path} ${rawBody} → ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        if (res.status === 400) expect(res.body.errors.length, `${r.method} ${r.path}`).toBeGreaterThan(0);
      }
    }
  });

  it("answers 415 problem+json to a body with the wrong content type", async () => {
    const res = await call("POST", "/api/v1/auth/login", {
      rawBody: "email=a&password=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("never leaks internals in a 500: answers with a request id", async () => {
    const res = await call("GET", "/api/v1/health", { headers: { "x-request-id": "req-abcdefgh-1234" } });
    expect(res.headers.get("x-request-id")).toBe("req-abcdefgh-1234");
  });
});
