import { describe, expect, it } from "vitest";
import { call } from "./helpers.ts";
import { callsIn, normalize, type Operation, reaches } from "./screen-coverage.ts";

// Every operation a role needs has a screen: the OpenAPI document's operations against the web's typed-client calls.
const sources = import.meta.glob("../../../packages/web/src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;

/** Operations no person works with in a browser, each with its reason. */
const EXEMPT: Array<{ method: string; path: RegExp; reason: string }> = [
  { method: "get", path: /^\/health$/, reason: "health check for monitoring" },
  { method: "*", path: /^\/dev\//, reason: "development and test helpers, not mounted in production (and not documented today)" },
  { method: "*", path: /^\/internal\//, reason: "machine-to-machine: called by other workers, never by a person" },
  {
    method: "get",
    path: /^\/public\/requests\/:\/attachments\/:$/,
    reason: "a photo's own URL: the tracking page shows it through <img src>, not the typed client",
  },
];

/** Operations without a screen: none. A new operation without one fails this test (or joins EXEMPT, with its reason). */
const NO_SCREEN_YET: string[] = [];
async function documentedOperations(): Promise<Operation[]> {
  const doc = (await call("GET", "/api/v1/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path: normalize(path) })));
}
const exempt = (op: Operation) => EXEMPT.find((e) => (e.method === "*" || e.method === op.method) && e.path.test(op.path));

describe("the typed-client scanner", () => {
  it("finds direct calls, aliases, variable indexes and chains handed to a component", () => {
    const src = `
      const notice = staffApi.console.notices[":id"];
      await notice.return.$post({ json: {} });
      await notice[a].$post({ json: {} });
      answer(staffApi.hq.branches[":branch"]
        .$get({ param }));
      api.public.requests[":trackingCode"].actions[action].$post({});
      <Csv endpoint={staffApi.hq.overview} args={{}} />
      const x = somethingElse.api.console.audit.$get();
    `;
    expect(callsIn(src)).toEqual([
      { method: "post", path: "/console/notices/:/return" },
      { method: "post", path: "/console/notices/:/*" },
      { method: "get", path: "/hq/branches/:" },
      { method: "post", path: "/public/requests/:/actions/*" },
      { method: "get", path: "/hq/overview" },
    ]);
    expect(reaches({ method: "post", path: "/console/notices/:/*" }, { method: "post", path: "/console/notices/:/approve" })).toBe(true);
    expect(reaches({ method: "get", path: "/console/notices/:/*" }, { method: "post", path: "/console/notices/:/approve" })).toBe(false);
    expect(reaches({ method: "post", path: "/console/notices/:/*" }, { method: "post", path: "/console/notices/:" })).toBe(false);
  });
});

describe("no operation without a screen", () => {
  it("reads the web's source", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it("has a screen for every operation that is not exempt", async () => {
    const operations = await documentedOperations();
    expect(operations.length).toBeGreaterThan(50);
    const calls = Object.values(sources).flatMap(callsIn);
    const missing = operations
      .filter((op) => !exempt(op) && !calls.some((c) => reaches(c, op)))
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)
      .sort();
    expect(missing, "operations that no screen uses").toEqual(NO_SCREEN_YET);
  });
});
