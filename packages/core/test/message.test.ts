import { describe, expect, it } from "vitest";
import {
  EventMessageSchema,
  milestoneNoticeRow,
  NotificationSchema,
  notificationId,
  oneTimeCodeRow,
  parseMessage,
  requestEventRow,
  requestNoticeRow,
  surveyEventRow,
} from "../src/message/index.ts";

const branch = { id: "brn_1", orgId: "org_1" };
const NOW = Date.parse("2026-05-01T12:00:00Z");
const wire = <P extends object>(row: { id: string; payload: P }) => ({ ...row.payload, outboxId: row.id });

describe("the message contract", () => {
  it("every builder's row is what its queue's schema accepts", () => {
    const event = requestEventRow(branch, { eventId: "evt_1", type: "request.created", requestId: "req_1" }, NOW);
    const survey = surveyEventRow(branch, { eventId: "evt_2", surveyId: "srv_1" }, NOW);
    for (const [topic, body] of [
      [event.topic, wire(event)],
      [survey.topic, wire(survey)],
    ]) {
      expect(topic).toBe("request-events");
      expect(parseMessage(EventMessageSchema, body).ok).toBe(true);
    }
    const notices = [
      requestNoticeRow(branch, { subjectId: "evt_1", part: 0, requestId: "req_1", type: "request.reply", recipients: ["resident"] }, NOW),
      milestoneNoticeRow(
        branch,
        {
          requestId: "req_1",
          milestoneId: "ms_1",
          milestone: "onSite",
          kind: "repair",
          dueAt: NOW,
          noticeKey: "warn:50",
          type: "milestone.warning",
          recipients: ["owner"],
          at: NOW,
        },
        NOW,
      ),
      oneTimeCodeRow(branch, { codeId: "otp_1", to: "13800138000", code: "012345" }, NOW),
    ];
    for (const n of notices) {
      expect(n.topic).toBe("notifications");
      expect(parseMessage(NotificationSchema, wire(n)).ok).toBe(true);
    }
  });

  it("notification ids follow one scheme, and a notice's outbox row is keyed by it (written once)", () => {
    expect(notificationId("evt_1", 0)).toBe("ntf_evt_1_0");
    expect(notificationId("req_1", "request.received")).toBe("ntf_req_1_request-received");
    expect(notificationId("ms_1", "escalate:2")).toBe("ntf_ms_1_escalate-2");
    const n = milestoneNoticeRow(
      branch,
      {
        requestId: "r",
        milestoneId: "ms_1",
        milestone: "onSite",
        kind: "repair",
        dueAt: null,
        noticeKey: "breach",
        type: "milestone.breach",
        recipients: [],
        at: NOW,
      },
      NOW,
    );
    expect(n.id).toBe("ntf_ms_1_breach");
    expect(n.payload.notificationId).toBe(n.id);
    expect(oneTimeCodeRow(branch, { codeId: "otp_9", to: "139", code: "1" }, NOW).payload.notificationId).toBe("ntf_otp_9_otp");
  });

  it("a malformed message's reason names each faulty field, for the closest member of a union", () => {
    const bad = parseMessage(EventMessageSchema, { eventId: "e", type: "request.created", at: "soon" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.reason).toContain("requestId:");
    expect(bad.reason).toContain("at:");
    expect(bad.reason).not.toContain("surveyId");
    const n = parseMessage(NotificationSchema, { notificationId: "ntf_x_1", type: "no.such" });
    expect(!n.ok && n.reason).toMatch(/type: .*branchId: /);
  });
});
