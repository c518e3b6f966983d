// The notify consumer's channels down for a minute: the branch's webhook and SMS provider (a local HTTP
// server standing in for both) answer 503 for 30 s, then refuse connections for 30 s, then come back.
// Alarm notices raised before and during the outage are retried with backoff; once the provider is up the
// backlog drains, and the provider receives each notification × channel × recipient exactly once.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLibsqlClient } from "@wuye/db";
import { branchDb, login, sleep, startTempStack, type TempStack } from "../load/lib.ts";
import { createPublic, poll } from "./helpers.ts";

const BRANCH = "yangguang";
const OUTAGE_5XX_MS = 30_000;
const OUTAGE_REFUSED_MS = 30_000;
const DURING_OUTAGE = 10; // alarms raised while the provider is down, one every 2 s
const ALARM = { kind: "security", category: "theft" };

type Mode = "up" | "5xx" | "refused";

/** A webhook receiver and SMS gateway in one: counts what it accepted, per notification × channel × recipient. */
class Provider {
  mode: Mode = "up";
  readonly accepted = new Map<string, number>();
  rejected = 0;
  port = 0;
  private server: Server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(this.port, "127.0.0.1", r));
    this.port = (this.server.address() as { port: number }).port;
  }

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async set(mode: Mode): Promise<void> {
    if (mode === "refused" && this.mode !== "refused") {
      const closed = new Promise((r) => this.server.close(r));
      this.server.closeAllConnections();
      await closed;
    } else if (mode !== "refused" && this.mode === "refused") {
      this.server = createServer((req, res) => void this.handle(req, res));
      await this.start();
    }
    this.mode = mode;
  }

  async stop(): Promise<void> {
    if (this.mode === "refused") return;
    const closed = new Promise((r) => this.server.close(r));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse) {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (this.mode !== "up") {
      this.rejected++;
      res.writeHead(503, { "retry-after": "5" }).end("provider down");
      return;
    }
    const body = JSON.parse(raw) as { id?: string; to?: string };
    let key: string;
    if (req.url === "/webhook") key = `${body.id}|webhook|${this.url("/webhook")}`;
    else {
      // SMS: the idempotency key is `<notificationId>:<to>`.
      const to = String(body.to);
      key = `${String(req.headers["idempotency-key"]).slice(0, -(to.length + 1))}|sms|${to}`;
    }
    this.accepted.set(key, (this.accepted.get(key) ?? 0) + 1);
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  }
}

describe("the notify consumer's channels down for a minute", () => {
  let temp: TempStack;
  const provider = new Provider();
  const staffPhones = ["13900000001", "13900000002"];

  beforeAll(async () => {
    temp = await startTempStack("wuye-fault-notify-");
    await provider.start();
    const { stack } = temp;
    // The branch's channels: a signed webhook and an SMS gateway, both at the provider (through the console API).
    const token = await login(stack.url, `manager@${BRANCH}.demo.example`, "Demo@2026");
    const auth = { authorization: `Bearer ${token}` };
    const current = await fetch(`${stack.url}/api/v1/console/settings`, { headers: auth });
    expect(current.status).toBe(200);
    const patched = await fetch(`${stack.url}/api/v1/console/settings`, {
      method: "PATCH",
      headers: { ...auth, "content-type": "application/json", "if-match": current.headers.get("etag")! },
      body: JSON.stringify({
        notifications: {
          quietHours: { from: "00:00", to: "00:00" },
          webhook: { url: provider.url("/webhook"), secret: "fault-test-webhook-secret-0123456789" },
          sms: { url: provider.url("/sms"), token: "fault-test-sms-token" },
        },
      }),
    });
    expect(patched.status, await patched.text()).toBe(200);
    // The two staff an alarm goes to (branch manager, service supervisor) also want alarms by SMS.
    const control = createLibsqlClient({ url: `${stack.libsqlUrl}/db/control/`, authToken: stack.libsqlToken });
    const roles = ["branchManager", "serviceSupervisor"];
    for (const [i, role] of roles.entries()) {
      const rs = await control.execute({
        sql: "update staff set phone = ?, notify_prefs = ? where role = ? and branch_id = (select id from branches where slug = ?)",
        args: [staffPhones[i]!, JSON.stringify({ "request.alarm": ["inbox", "sms"] }), role, BRANCH],
      });
      expect(rs.rowsAffected).toBe(1);
    }
  });
  afterAll(async () => {
    await provider.stop();
    await temp?.close();
  });

  it("drains the backlog once the provider is back, and sends nothing twice", async () => {
    const { stack } = temp;
    const keysOf = (requestId: string) => {
      const ntf = `ntf_${requestId}_request-alarm`;
      return [`${ntf}|webhook|${provider.url("/webhook")}`, ...staffPhones.map((p) => `${ntf}|sms|${p}`)];
    };
    const allReceived = (keys: string[]) => async () => (keys.every((k) => provider.accepted.has(k)) ? true : undefined);

    // Sanity: with the provider up, one alarm reaches the webhook and both phones.
    const first = await createPublic(stack, BRANCH, 0, "fault-notify", ALARM);
    await poll("the first alarm's deliveries", allReceived(keysOf(first.id)), 30_000);

    // The outage: 503 for 30 s, then connections refused for 30 s; alarms keep coming meanwhile.
    const outageStart = Date.now();
    await provider.set("5xx");
    const during: string[] = [];
    for (let n = 1; n <= DURING_OUTAGE; n++) {
      during.push((await createPublic(stack, BRANCH, n, "fault-notify", ALARM)).id);
      await sleep(2_000);
    }
    await sleep(Math.max(0, outageStart + OUTAGE_5XX_MS - Date.now()));
    const rejected5xx = provider.rejected;
    await provider.set("refused");
    await sleep(Math.max(0, outageStart + OUTAGE_5XX_MS + OUTAGE_REFUSED_MS - Date.now()));
    const deliveredDuringOutage = during.flatMap(keysOf).filter((k) => provider.accepted.has(k)).length;
    await provider.set("up");
    const upAt = Date.now();

    const expected = [first.id, ...during].flatMap(keysOf);
    const db = branchDb(stack, BRANCH);
    const ntfs = [first.id, ...during].map((id) => `ntf_${id}_request-alarm`);
    const marks = ntfs.map(() => "?").join(",");
    try {
      await poll("the backlog to drain", allReceived(expected), 150_000, 1_000);
    } catch (err) {
      const rows = await db.execute({
        sql: `select notification_id, channel, recipient, status, attempts, error from deliveries where notification_id in (${marks}) and status != 'sent'`,
        args: ntfs,
      });
      console.log(
        `missing: ${expected.filter((k) => !provider.accepted.has(k)).length} of ${expected.length}; unsent deliveries:\n${rows.rows.map((r) => JSON.stringify(r)).join("\n")}`,
      );
      throw err;
    }
    const drainMs = Date.now() - upAt;
    await sleep(5_000); // any late second copy would show now

    const counts = expected.map((k) => provider.accepted.get(k) ?? 0);
    const twice = expected.filter((k) => (provider.accepted.get(k) ?? 0) !== 1);
    console.log(
      `outage ${((upAt - outageStart) / 1000).toFixed(0)} s: ${rejected5xx} attempts answered 503, then refused; ${deliveredDuringOutage} deliveries got through during it; ` +
        `backlog of ${DURING_OUTAGE} alarms × 3 deliveries drained ${(drainMs / 1000).toFixed(1)} s after recovery; ` +
        `provider accepted ${[...provider.accepted.values()].reduce((a, b) => a + b, 0)} for ${expected.length} expected keys, sent twice: ${twice.length}`,
    );
    expect(deliveredDuringOutage).toBe(0);
    expect(rejected5xx).toBeGreaterThan(0);
    expect(twice).toEqual([]);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect([...provider.accepted.keys()].sort()).toEqual([...expected].sort()); // nothing else was sent

    // The branch's records agree: one `sent` delivery per key, and one inbox row per notification × staff member.
    const deliveries = await db.execute({
      sql: `select notification_id, channel, recipient, status from deliveries where notification_id in (${marks})`,
      args: ntfs,
    });
    expect(deliveries.rows.length).toBe(expected.length);
    expect(
      deliveries.rows
        .filter((r) => r.status !== "sent")
        .map((r) => `${String(r.notification_id)} ${String(r.channel)} ${String(r.status)}`),
    ).toEqual([]);
    const inbox = await db.execute({
      sql: `select notification_id, recipient_id, count(*) as n from inbox where notification_id in (${marks}) group by 1, 2`,
      args: ntfs,
    });
    expect(inbox.rows.length).toBe(ntfs.length * 2);
    expect(inbox.rows.every((r) => Number(r.n) === 1)).toBe(true);
  }, 300_000);
});
