import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  audienceOf,
  fill,
  GARBAGE_BODIES,
  type Operation,
  operations,
  send,
  sent,
  tampered,
  tokenOf,
  unsigned,
  nextIp,
  base,
} from "./probe.ts";

// Every operation of the OpenAPI document, probed as an attacker would: no token, a tampered token, alg:none,
// another branch's token, the wrong role, and garbage bodies. Every answer must be a 4xx problem+json.
let ops: Operation[] = [];
const known: Record<string, string> = { branch: "yangguang" };
let failures: string[] = [];

function expectRefused(label: string, res: { status: number; type: string; text: string }) {
  const ok = res.status >= 400 && res.status < 500 && res.type.startsWith("application/problem+json");
  if (!ok) failures.push(`${label} → ${res.status} ${res.type} ${res.text.slice(0, 160)}`);
}

beforeAll(async () => {
  ops = await operations();
  const created = await fetch(`${base()}/api/v1/public/branches/yangguang/requests`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": nextIp() },
    body: JSON.stringify({
      kind: "repair",
      description: "安全探测用的报修:楼道灯不亮",
      contact: { name: "探测", phone: "13900000077" },
      location: { area: "2栋大堂" },
    }),
  });
  const request = (await created.json()) as { id: string; trackingCode: string };
  known.id = request.id;
  known.trackingCode = request.trackingCode;
});

beforeEach(() => {
  failures = [];
});

afterAll(() => {
  console.log(`security probe: ${ops.length} operations, ${sent} requests sent`);
});

describe("every operation refuses what it must", () => {
  it("reads the operations from the OpenAPI document", () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.some((o) => audienceOf(o.path) === "console")).toBe(true);
    expect(ops.some((o) => audienceOf(o.path) === "hq")).toBe(true);
  });

  it("staff operations: no token, a tampered token, alg:none", async () => {
    const real = await tokenOf("branchManager", "yangguang");
    for (const op of ops.filter((o) => ["console", "hq", "admin"].includes(audienceOf(o.path)))) {
      const path = fill(op.path, known);
      for (const [name, token] of [
        ["no token", undefined],
        ["tampered", tampered(real)],
        ["alg:none", unsigned(real)],
        ["not a jwt", "abc.def"],
      ] as const) {
        const res = await send(op.method, path, { token, body: op.hasBody ? "{}" : undefined });
        expectRefused(`${op.method} ${op.path} [${name}]`, res);
        if (res.status !== 401) failures.push(`${op.method} ${op.path} [${name}] answered ${res.status}, not 401`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the wrong role: head office on the console, branch staff on head office and administration", async () => {
    const wrong = {
      console: await tokenOf("hqSupervisor", null),
      hq: await tokenOf("agent", "yangguang"),
      admin: await tokenOf("branchManager", "yangguang"),
    };
    for (const op of ops) {
      const audience = audienceOf(op.path);
      if (audience !== "console" && audience !== "hq" && audience !== "admin") continue;
      const res = await send(op.method, fill(op.path, known), { token: wrong[audience], body: op.hasBody ? "{}" : undefined });
      expectRefused(`${op.method} ${op.path} [wrong role]`, res);
    }
    expect(failures).toEqual([]);
  });

  it("a technician gets no register and no complaints", async () => {
    const tech = await tokenOf("technician", "yangguang");
    for (const path of ["/console/requests", `/console/requests?kind=complaint`]) {
      expectRefused(`GET ${path} [technician]`, await send("GET", path, { token: tech }));
    }
    expect(failures).toEqual([]);
  });

  it("another branch's staff: a request of yangguang is not there for binjiang", async () => {
    const other = await tokenOf("branchManager", "binjiang");
    for (const op of ops.filter((o) => audienceOf(o.path) === "console" && o.path.includes("{id}"))) {
      const res = await send(op.method, fill(op.path, known), { token: other, body: op.hasBody ? "{}" : undefined });
      expectRefused(`${op.method} ${op.path} [other branch]`, res);
      if (op.path.startsWith("/console/requests/{id}") && res.status !== 404 && res.status !== 400 && res.status !== 428) {
        failures.push(`${op.method} ${op.path} [other branch] answered ${res.status}, not 404`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("garbage bodies, sent with a token that may call the operation", async () => {
    const right = {
      console: await tokenOf("branchManager", "yangguang"),
      hq: await tokenOf("hqSupervisor", null),
      admin: await tokenOf("orgAdmin", null).catch(() => undefined),
      auth: undefined,
      public: undefined,
      open: undefined,
    };
    for (const op of ops.filter((o) => o.hasBody)) {
      const audience = audienceOf(op.path);
      for (const body of GARBAGE_BODIES) {
        const res = await send(op.method, fill(op.path, known), { token: right[audience], body, headers: { "if-match": '"1"' } });
        expectRefused(`${op.method} ${op.path} [garbage ${body.slice(0, 12)}]`, res);
      }
    }
    expect(failures).toEqual([]);
  });
});
