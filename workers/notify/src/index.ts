import { ESCALATION_LADDER, type Locale, type MessageKey, t } from "@wuye/core";
import { DbEnvSchema, deliverToInbox, envParser, findRequest, type InboxInsert, openDatabases, staffOfBranch } from "@wuye/db";
import { z } from "zod";
import { type Channel, devSink, httpGateway, PermanentFailure } from "./channels.ts";

const parseEnv = envParser(
  DbEnvSchema.extend({
    ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
    SMS_GATEWAY_URL: z.url().optional(),
    SMS_GATEWAY_TOKEN: z.string().optional(),
  }),
);

export interface Env {
  ENVIRONMENT?: string;
  CONTROL_DB_URL: string;
  SUPERVISION_DB_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  SMS_GATEWAY_URL?: string;
  SMS_GATEWAY_TOKEN?: string;
}

/** SMS through the configured gateway; without one, the dev sink outside production (and an error in it). */
function smsChannel(env: ReturnType<typeof parseEnv>): Channel {
  if (env.SMS_GATEWAY_URL) return httpGateway("sms", env.SMS_GATEWAY_URL, env.SMS_GATEWAY_TOKEN ?? "");
  if (env.ENVIRONMENT !== "production") return devSink("sms");
  throw new PermanentFailure("no SMS gateway configured");
}

const NotificationSchema = z.object({
  notificationId: z.string(),
  type: z.string(),
  branchId: z.string(),
  orgId: z.string(),
  requestId: z.string(),
  milestone: z.string().optional(),
  channel: z.enum(["sms"]).optional(),
  to: z.string().optional(),
  text: z.string().optional(),
  kind: z.string().optional(),
  dueAt: z.number().nullable().optional(),
  recipients: z.array(z.string()),
});
type Notification = z.infer<typeof NotificationSchema>;

const ROLE_OF: Partial<Record<(typeof ESCALATION_LADDER)[number], string[]>> = {
  serviceSupervisor: ["serviceSupervisor"],
  branchManager: ["branchManager"],
  // Region and head office are reached through their dashboards; the branch manager gets a copy in the inbox.
  region: ["branchManager"],
  headOffice: ["branchManager"],
};

function render(n: Notification, locale: Locale, trackingCode: string, timeZone: string) {
  const base = n.type.replace(/^milestone\./, "");
  const params = {
    milestone: n.milestone ? t(locale, `milestone.${n.milestone}` as MessageKey) : "",
    kind: n.kind ? t(locale, `kind.${n.kind}` as MessageKey) : "",
    trackingCode,
    dueAt: n.dueAt ? new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "short", timeStyle: "short" }).format(n.dueAt) : "",
  };
  return { title: t(locale, `notify.milestone.${base}.title` as MessageKey, params), body: t(locale, `notify.milestone.${base}.body` as MessageKey, params) };
}

async function deliver(env: Env, n: Notification): Promise<number> {
  const vars = parseEnv(env);
  const dbs = openDatabases(vars);
  const branch = await dbs.branch({ id: n.branchId });
  if (!branch) return 0;
  const db = dbs.branchDb(branch);
  if (n.channel === "sms" && n.to && n.text) {
    await smsChannel(vars).send(db, { notificationId: n.notificationId, to: n.to, body: n.text });
    return 1;
  }
  const request = await findRequest(db, { id: n.requestId });
  if (!request) throw new Error(`request ${n.requestId} not visible yet`);
  const recipients: Array<{ id: string; locale: string }> = [];
  for (const r of n.recipients) {
    if (r === "owner") {
      const staff = request.ownerId
        ? [{ id: request.ownerId, locale: "zh-CN" }]
        : await staffOfBranch(dbs.control, branch.id, ["serviceSupervisor"]);
      recipients.push(...staff);
    } else {
      recipients.push(...(await staffOfBranch(dbs.control, branch.id, ROLE_OF[r as keyof typeof ROLE_OF] ?? [r])));
    }
  }
  const now = Date.now();
  const rows: InboxInsert[] = recipients.map((r) => {
    const { title, body } = render(n, r.locale === "en" ? "en" : "zh-CN", request.trackingCode, branch.timeZone);
    return { id: `${n.notificationId}:${r.id}`, notificationId: n.notificationId, recipientType: "staff", recipientId: r.id, type: n.type, title, body, requestId: request.id, createdAt: now };
  });
  return deliverToInbox(db, rows);
}

export default {
  async queue(batch, env, _ctx) {
    for (const message of batch.messages) {
      const parsed = NotificationSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(JSON.stringify({ level: "error", msg: "dropping malformed notification", id: message.id }));
        message.ack();
        continue;
      }
      try {
        await deliver(env, parsed.data);
        message.ack();
      } catch (err) {
        if (err instanceof PermanentFailure) {
          console.error(JSON.stringify({ level: "error", msg: "notification refused; not retried", id: parsed.data.notificationId, error: err.message }));
          message.ack();
          continue;
        }
        console.error(JSON.stringify({ level: "warn", msg: "notification failed; will retry", id: parsed.data.notificationId, error: String(err) }));
        message.retry({ delaySeconds: Math.min(300, 2 ** message.attempts) });
      }
    }
  },
} satisfies ExportedHandler<Env>;
