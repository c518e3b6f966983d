import {
  type BranchSettings,
  type ChannelName,
  heldByQuietHours,
  type Locale,
  type MessageKey,
  type NoticeType,
  readBranchSettings,
  renderNotice,
  secondsUntilQuietEnds,
  smsHoldLimit,
  smsHoldText,
  t,
} from "@wuye/core";
import {
  type BranchDb,
  type Databases,
  deliverToInbox,
  findRequest,
  findResident,
  getBranchSettings,
  recordDelivery,
  sentDeliveries,
  staffByIds,
  staffOfBranch,
} from "@wuye/db";
import { type Channel, PermanentFailure, providerChannel, webhookChannel } from "./channels.ts";
import { type SendToQueue, smsBudgetFor } from "./sms-budget.ts";
import type { Notification } from "@wuye/core";

export interface NotifyEnv {
  ENVIRONMENT: "development" | "test" | "production";
}

interface Target {
  type: "staff" | "resident" | "contact" | "branch";
  id: string;
  locale: Locale;
  channels: Array<{ channel: ChannelName; address: string }>;
}

/** Who plays each escalation role; region and head office follow on their dashboards, the manager gets a copy. */
const ROLE_OF: Record<string, string[]> = {
  serviceSupervisor: ["serviceSupervisor"],
  branchManager: ["branchManager"],
  region: ["branchManager"],
  headOffice: ["branchManager"],
};

type StaffRow = Awaited<ReturnType<typeof staffOfBranch>>[number];
const localeOf = (s: string | null | undefined): Locale => (s === "en" ? "en" : "zh-CN");

function staffTarget(s: StaffRow, type: NoticeType): Target {
  const wanted = s.notifyPrefs[type] ?? [];
  const channels: Target["channels"] = [{ channel: "inbox", address: s.id }];
  if (wanted.includes("sms") && s.phone) channels.push({ channel: "sms", address: s.phone });
  if (wanted.includes("email") && s.email) channels.push({ channel: "email", address: s.email });
  return { type: "staff", id: s.id, locale: localeOf(s.locale), channels };
}

async function targetsOf(
  dbs: Databases,
  db: BranchDb,
  branchId: string,
  n: Notification,
  request: Awaited<ReturnType<typeof findRequest>>,
  settings: BranchSettings,
): Promise<Target[]> {
  const targets: Target[] = [];
  if (n.to) targets.push({ type: "contact", id: n.to, locale: localeOf(request?.locale), channels: [{ channel: "sms", address: n.to }] });
  for (const r of n.recipients) {
    if (r === "resident") {
      const resident = request?.residentId ? await findResident(db, request.residentId) : null;
      if (!resident?.verifiedAt) continue;
      const channels: Target["channels"] = [{ channel: "inbox", address: resident.id }];
      if (resident.channels.includes("sms")) channels.push({ channel: "sms", address: resident.phone });
      if (resident.channels.includes("email") && resident.email) channels.push({ channel: "email", address: resident.email });
      targets.push({ type: "resident", id: resident.id, locale: localeOf(resident.locale), channels });
    } else if (r.startsWith("staff:")) {
      for (const s of await staffByIds(dbs.control, [r.slice(6)])) targets.push(staffTarget(s, n.type));
    } else if (r === "owner" && request?.ownerId) {
      for (const s of await staffByIds(dbs.control, [request.ownerId])) targets.push(staffTarget(s, n.type));
    } else {
      const roles = r === "owner" ? ["serviceSupervisor"] : (ROLE_OF[r] ?? [r]);
      for (const s of await staffOfBranch(dbs.control, branchId, roles)) targets.push(staffTarget(s, n.type));
    }
  }
  const hook = settings.notifications.webhook;
  if (hook && n.type !== "resident.otp" && !n.type.startsWith("staff.") && (!hook.types || hook.types.includes(n.type))) {
    targets.push({ type: "branch", id: "webhook", locale: "zh-CN", channels: [{ channel: "webhook", address: hook.url }] });
  }
  return targets;
}

/** The channel for a branch, or the development sink (recorded as sent, shown at /api/v1/dev/outbox). */
function channelFor(name: Exclude<ChannelName, "inbox">, settings: BranchSettings, env: NotifyEnv): Channel | null {
  const cfg = settings.notifications;
  if (name === "webhook" && cfg.webhook) return webhookChannel(cfg.webhook.url, cfg.webhook.secret);
  if ((name === "sms" || name === "email") && cfg[name]) return providerChannel(name, cfg[name]!.url, cfg[name]!.token);
  if (env.ENVIRONMENT !== "production") return null; // dev sink
  throw new PermanentFailure(`no ${name} channel configured for this branch`);
}

export type DeliveryOutcome = { kind: "done"; transient: string[] } | { kind: "later"; delaySeconds: number };

/**
 * Renders and sends one notification to every target and channel, skipping what was already sent. `send` puts
 * what delivery itself raises (the manager's SMS budget alarm) on the notifications queue.
 */
export async function deliver(dbs: Databases, env: NotifyEnv, n: Notification, now: number, send: SendToQueue): Promise<DeliveryOutcome> {
  const branch = await dbs.branch({ id: n.branchId });
  if (!branch || branch.orgId !== n.orgId) return { kind: "done", transient: [] };
  const db = dbs.branchDb(branch);
  const request = n.requestId ? await findRequest(db, { id: n.requestId }) : null;
  if (n.requestId && !request) throw new Error(`request ${n.requestId} not visible yet`);
  const settings = readBranchSettings((await getBranchSettings(dbs.control, branch.id))?.settings);
  const targets = await targetsOf(dbs, db, branch.id, n, request, settings);

  // Quiet hours hold back only SMS and email to residents: the inbox and staff get it now, the rest comes back later.
  const quiet = secondsUntilQuietEnds(settings.notifications.quietHours, branch.timeZone, now);
  const budget = smsBudgetFor(db, branch, settings, now, send);
  let held = false;
  const done = await sentDeliveries(db, n.notificationId);
  const transient: string[] = [];
  for (const target of targets) {
    const params: Record<string, string | number> = {
      ...n.params,
      trackingCode: request?.trackingCode ?? "",
      milestone: n.milestone ? t(target.locale, `milestone.${n.milestone}` as MessageKey) : "",
      kind: (n.kind ?? request?.kind) ? t(target.locale, `kind.${n.kind ?? request?.kind}` as MessageKey) : "",
      dueAt: n.dueAt
        ? new Intl.DateTimeFormat(target.locale, { timeZone: branch.timeZone, dateStyle: "short", timeStyle: "short" }).format(n.dueAt)
        : "",
      servicePhone: branch.servicePhone,
      branch: target.locale === "en" ? branch.nameEn : branch.name,
      appointment: appointmentText(n.params, target.locale, branch.timeZone),
    };
    const { title, body } = renderNotice(n.type, target.locale, params);
    for (const { channel, address } of target.channels) {
      if (channel === "inbox") {
        await deliverToInbox(db, [
          {
            id: `${n.notificationId}:${target.id}`,
            notificationId: n.notificationId,
            recipientType: target.type === "resident" ? "resident" : "staff",
            recipientId: target.id,
            type: n.type,
            title,
            body,
            requestId: request?.id ?? null,
            // The budget alarm leads to the deliveries, where the held texts are.
            ...(n.type === "sms.budgetReached" ? { subjectType: "delivery", subjectId: n.notificationId } : {}),
            createdAt: now,
          },
        ]);
        continue;
      }
      if (done.has(`${channel}|${address}`)) continue;
      const row = {
        id: `${n.notificationId}:${channel}:${address}`,
        notificationId: n.notificationId,
        channel,
        recipient: address,
        subject: title,
        body,
        payload: n as unknown as Record<string, unknown>,
        createdAt: now,
      };
      if (quiet > 0 && heldByQuietHours(n.type, target.type, channel)) {
        // On record, so the desk (and the dev sink) can see that it waits and until when.
        const until = new Date(now + quiet * 1000).toISOString();
        await recordDelivery(db, { ...row, status: "held", error: `quiet hours until ${until}` });
        held = true;
        continue;
      }
      if (channel === "sms") {
        // Texts cost money: one held at intake by an hourly limit, or past the day's budget unless urgent, is kept
        // as held with its reason (the inbox and the tracking page have the news), never sent by itself later.
        const reason = n.heldBy ? smsHoldText(n.heldBy, smsHoldLimit(n.heldBy, settings.smsDailyBudget)) : (await budget.take(n.type)).held;
        if (reason) {
          await recordDelivery(db, { ...row, status: "held", error: reason });
          continue;
        }
      }
      try {
        const sender = channelFor(channel, settings, env);
        if (sender)
          await sender.send({
            notificationId: n.notificationId,
            to: address,
            subject: title,
            body,
            payload: { type: n.type, trackingCode: params.trackingCode },
          });
        await recordDelivery(db, { ...row, status: "sent", error: sender ? null : "dev sink" });
      } catch (err) {
        if (channel === "sms") await budget.giveBack();
        const reason = err instanceof Error ? err.message : String(err);
        await recordDelivery(db, { ...row, status: err instanceof PermanentFailure ? "dead" : "failed", error: reason });
        if (!(err instanceof PermanentFailure)) transient.push(`${channel}:${reason}`);
      }
    }
  }
  if (held && !transient.length) return { kind: "later", delaySeconds: Math.min(quiet, 43_200) };
  return { kind: "done", transient };
}

/** The appointment (预约维修时间) in the branch's time zone, or what happens when none was agreed. */
function appointmentText(params: Notification["params"], locale: Locale, timeZone: string): string {
  const from = Date.parse(String(params.appointmentFrom ?? ""));
  const to = Date.parse(String(params.appointmentTo ?? ""));
  if (Number.isNaN(from)) return t(locale, "notify.appointment.none");
  const day = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" });
  const time = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: "short" });
  return Number.isNaN(to) ? day.format(from) : `${day.format(from)}–${time.format(to)}`;
}
