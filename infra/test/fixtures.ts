import { newId, newTrackingCode } from "@wuye/core";
import { type BranchDb, insertRequest } from "@wuye/db";

/** A few requests with an event, a milestone and an outbox row each, in a unit of the branch. */
export async function addRequests(db: BranchDb, prefix: string, place: { unitId: string; communityId: string }, n: number) {
  for (let i = 0; i < n; i++) {
    const at = Date.UTC(2026, 10, 1, 8, i);
    const id = newId("req", at);
    const evt = newId("evt", at);
    await insertRequest(db, {
      request: {
        id,
        trackingCode: newTrackingCode(prefix),
        kind: i % 2 ? "repair" : "complaint",
        urgency: "normal",
        status: "received",
        channel: "portal",
        description: `备份测试 第${i}号 水管漏水 "引号" 100%`,
        contactName: "林业主",
        contactPhone: "13800138001",
        unitId: place.unitId,
        communityId: place.communityId,
        createdAt: at,
        updatedAt: at,
      },
      event: { id: evt, requestId: id, type: "request.created", data: { unitId: place.unitId, n: i }, at },
      milestones: [
        {
          id: newId("ms", at),
          requestId: id,
          name: "reply",
          startAt: at,
          durationMs: 60_000,
          dueAt: at + 60_000,
          calendar: { kind: "24x7" },
          policyVersion: 1,
          schedule: [],
          status: "open",
          sourceEventId: evt,
          createdAt: at,
          updatedAt: at,
        },
      ],
      outbox: [{ id: newId("obx", at), topic: "request-events", payload: { eventId: evt }, createdAt: at }],
    } as never);
  }
}
