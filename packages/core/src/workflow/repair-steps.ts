import { z } from "zod";
import { BadInput, Conflict } from "../errors/index.ts";
import type { RepairStep } from "./repair.ts";
import {
  AttachmentId,
  Fen,
  field,
  Instant,
  photosOf,
  plainText,
  signed,
  StepPhotos,
  type StepContext,
  type StepEffect,
  type StepTable,
  stepOf,
} from "./step.ts";
import { itemFromPriceList, NON_STANDARD, pickTechnician, priceQuote, type WorkItem, type WorkOrder } from "./work-order.ts";

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const step = stepOf<WorkOrder>();
const wo = (ctx: StepContext<WorkOrder>) => ctx.record;
const keep = (ctx: StepContext<WorkOrder>, patch: Partial<WorkOrder>): WorkOrder => ({ ...ctx.record, ...patch });
const code = (ctx: StepContext) => ({ trackingCode: ctx.request.trackingCode });
const lastQuote = (w: WorkOrder) => w.quotes.at(-1);
const Reason = z.strictObject({ reason: plainText(500) });
const Note = z.strictObject({ note: plainText(500).optional() });

function priced(ctx: StepContext, itemCode: string): WorkItem {
  const p = ctx.settings.priceList.find((x) => x.code === itemCode);
  if (!p) throw field("itemCode", `"${itemCode}" is not in the branch's price list; refer a non-standard item for review`);
  return itemFromPriceList(p);
}

export const REPAIR_STEPS: StepTable<RepairStep, WorkOrder> = {
  "refer-for-review": step(z.strictObject({ item: plainText(200) }), (i, ctx) => ({
    record: keep(ctx, { review: { item: i.item, referredBy: signed(ctx).by, referredAt: ctx.now } }),
    publicNote: "review",
    data: { item: i.item },
    notices: [{ type: "workOrder.review", recipients: ["engineeringSupervisor"], params: { ...code(ctx), item: i.item } }],
  })),

  review: step(
    z
      .strictObject({ feasible: z.boolean(), priceFen: Fen.optional(), note: plainText(500), referral: plainText(500).optional() })
      .refine((v) => !v.feasible || v.priceFen !== undefined, { message: "a feasible item needs its price", path: ["priceFen"] })
      .refine((v) => v.feasible || v.referral !== undefined, {
        message: "say who can help when the branch cannot (严禁推诿)",
        path: ["referral"],
      }),
    (i, ctx) => {
      const review = wo(ctx).review!;
      const item: WorkItem = {
        code: NON_STANDARD,
        name: { "zh-CN": review.item, en: review.item },
        standard: false,
        ...(i.priceFen !== undefined ? { priceFen: i.priceFen } : {}),
      };
      return {
        outcome: i.feasible ? "feasible" : "infeasible",
        record: keep(ctx, {
          review: {
            ...review,
            feasible: i.feasible,
            note: i.note,
            ...(i.priceFen !== undefined ? { priceFen: i.priceFen } : {}),
            ...(i.referral ? { referral: i.referral } : {}),
            ...signed(ctx),
          },
          ...(i.feasible ? { item } : {}),
        }),
        publicNote: i.feasible ? "price-decided" : "referred",
        data: { feasible: i.feasible, priceFen: i.priceFen ?? null, note: i.note, referral: i.referral ?? null },
        notices: i.feasible
          ? [
              {
                type: "workOrder.priceDecided",
                recipients: ["resident"],
                params: { ...code(ctx), item: review.item, price: yuan(i.priceFen!) },
              },
            ]
          : [],
      };
    },
  ),

  "approve-price": step(Note, (i, ctx) => ({
    record: keep(ctx, { priceApproval: { approved: true, ...(i.note ? { note: i.note } : {}), ...signed(ctx) } }),
    publicNote: "price-approved",
    data: { note: i.note ?? null },
  })),
  "decline-price": step(Reason, (i, ctx) => ({
    record: keep(ctx, { priceApproval: { approved: false, note: i.reason, ...signed(ctx) } }),
    publicNote: "price-declined",
    data: { reason: i.reason },
  })),

  dispatch: step(
    z
      .strictObject({
        technicianId: z.string().min(3).max(64).optional(),
        itemCode: z.string().min(2).max(41).optional(),
        /** 预约维修时间: when the technician will come. */
        appointment: z.strictObject({ from: Instant, to: Instant }).optional(),
        /** 留钥匙: the resident left a key, so the technician may enter without them. */
        keyLeft: z.boolean().optional(),
      })
      .refine((v) => !v.appointment || v.appointment.to > v.appointment.from, {
        message: "the appointment must end after it starts",
        path: ["appointment", "to"],
      }),
    (i, ctx) => {
      const w = wo(ctx);
      let item = w.item;
      if (i.itemCode) item = priced(ctx, i.itemCode);
      if (!item) throw field("itemCode", "name the price-list item, or refer a non-standard item for review first");
      if (!item.standard && !w.priceApproval?.approved) throw new Conflict("the resident has not agreed to the non-standard price yet");
      const techs = ctx.technicians ?? [];
      const chosen = i.technicianId
        ? techs.find((t) => t.id === i.technicianId)
        : pickTechnician(techs, { skill: item.skill, communityId: ctx.request.communityId });
      if (!chosen)
        throw field(
          "technicianId",
          i.technicianId ? "not an active technician of this branch" : "no technician available; choose one by hand",
        );
      const visit = {
        ...(i.appointment ? { appointment: { from: i.appointment.from, to: i.appointment.to } } : {}),
        ...(i.keyLeft !== undefined ? { keyLeft: i.keyLeft } : {}),
      };
      const when: Record<string, string> = i.appointment
        ? { appointmentFrom: new Date(i.appointment.from).toISOString(), appointmentTo: new Date(i.appointment.to).toISOString() }
        : {};
      return {
        record: keep(ctx, {
          item,
          technicianId: chosen.id,
          dispatches: [...w.dispatches, { technicianId: chosen.id, auto: !i.technicianId, ...visit, ...signed(ctx) }],
        }),
        publicNote: "dispatched",
        data: {
          technicianId: chosen.id,
          technicianName: chosen.name,
          auto: !i.technicianId,
          item: item.code,
          appointment: i.appointment ?? null,
          keyLeft: i.keyLeft ?? null,
        },
        assigneeId: chosen.id,
        visit: {
          ...(i.appointment ? { appointmentFrom: i.appointment.from, appointmentTo: i.appointment.to } : {}),
          ...(i.keyLeft !== undefined ? { keyLeft: i.keyLeft } : {}),
        },
        notices: [
          {
            type: "workOrder.dispatched",
            recipients: [`staff:${chosen.id}`],
            params: { ...code(ctx), item: item.name["zh-CN"], ...when },
          },
          {
            type: "request.dispatched",
            recipients: ["resident"],
            params: { ...code(ctx), item: item.name["zh-CN"], technician: chosen.name, ...when },
          },
        ],
      };
    },
  ),

  arrive: step(
    z.union([
      z.strictObject({ confirmed: z.literal(true), photos: StepPhotos }),
      z.strictObject({
        correction: z.strictObject({ itemCode: z.string().min(2).max(41), reason: plainText(500) }),
        photos: StepPhotos,
      }),
    ]),
    (i, ctx) => {
      const w = wo(ctx);
      const photos = i.photos?.length ? { photos: i.photos } : {};
      if ("confirmed" in i)
        return {
          record: keep(ctx, { onSite: { confirmed: true, ...photos, ...signed(ctx) } }),
          publicNote: "on-site",
          data: { confirmed: true, ...photos },
          attachments: photosOf(i.photos),
        };
      const to = priced(ctx, i.correction.itemCode);
      const correction = { from: w.item!, to, reason: i.correction.reason };
      return {
        record: keep(ctx, { item: to, onSite: { confirmed: false, correction, ...photos, ...signed(ctx) } }),
        publicNote: "on-site-corrected",
        data: { from: w.item?.code ?? null, to: to.code, reason: i.correction.reason, ...photos },
        attachments: photosOf(i.photos),
      };
    },
  ),

  quote: step(
    z.strictObject({
      lines: z
        .array(z.strictObject({ code: z.string().min(2).max(41), qty: z.number().int().min(1).max(100) }))
        .min(1)
        .max(20),
    }),
    (i, ctx) => {
      const w = wo(ctx);
      const warrantyOf = ctx.warranty?.requestId ?? null;
      const q = priceQuote(i.lines, ctx.settings.priceList, w.item, warrantyOf);
      if ("unknown" in q) throw field("lines", `not in the price list: ${q.unknown.join(", ")} (a price is never made up on site)`);
      const quote = { ...q, ...signed(ctx) };
      return {
        record: keep(ctx, { quotes: [...w.quotes, quote], warrantyOf }),
        publicNote: warrantyOf ? "quoted-warranty" : "quoted",
        data: {
          totalFen: q.totalFen,
          lines: q.lines.map((l) => ({ code: l.code, qty: l.qty })),
          warrantyOf,
          warrantyTrackingCode: ctx.warranty?.trackingCode ?? null,
        },
        notices: [{ type: "workOrder.quoted", recipients: ["resident"], params: { ...code(ctx), total: yuan(q.totalFen) } }],
      };
    },
  ),

  "accept-quote": step(Note, (i, ctx) => {
    const w = wo(ctx);
    const q = lastQuote(w)!;
    return {
      record: keep(ctx, { quotes: [...w.quotes.slice(0, -1), { ...q, decision: { accepted: true, ...signed(ctx) } }] }),
      publicNote: "quote-accepted",
      data: { totalFen: q.totalFen, note: i.note ?? null },
    };
  }),

  "refuse-quote": step(Reason, (i, ctx) => {
    const w = wo(ctx);
    const q = lastQuote(w)!;
    return {
      record: keep(ctx, {
        quotes: [...w.quotes.slice(0, -1), { ...q, decision: { accepted: false, reason: i.reason, ...signed(ctx) } }],
        refusal: { reason: i.reason, recordedBy: signed(ctx).by, at: ctx.now },
      }),
      publicNote: "quote-refused",
      data: { reason: i.reason },
      notices: w.technicianId
        ? [{ type: "workOrder.refused", recipients: [`staff:${w.technicianId}`], params: { ...code(ctx), reason: i.reason } }]
        : [],
    };
  }),

  "sign-refusal": step(Note, (i, ctx) => {
    const w = wo(ctx);
    return {
      record: keep(ctx, { refusal: { ...w.refusal!, technicianSignedBy: ctx.actor!.staffId, technicianSignedAt: ctx.now } }),
      publicNote: null,
      data: { note: i.note ?? null },
      notices: [{ type: "workOrder.refused", recipients: ["engineeringSupervisor"], params: { ...code(ctx), reason: w.refusal!.reason } }],
    };
  }),

  "approve-refusal": step(Note, (i, ctx) => {
    const w = wo(ctx);
    // Two sign-offs, two people: the engineering supervisor may sign as technician, but not both halves.
    if (w.refusal!.technicianSignedBy === ctx.actor!.staffId)
      throw new Conflict("the supervisor's sign-off must come from someone other than the technician who signed");
    const refusal = { ...w.refusal!, supervisorSignedBy: ctx.actor!.staffId, supervisorSignedAt: ctx.now };
    const { refusal: _open, ...rest } = w;
    return {
      record: { ...rest, refusals: [...w.refusals, refusal] },
      publicNote: "returned",
      data: { note: i.note ?? null },
      assigneeId: null,
    };
  }),

  "check-materials": step(
    z
      .strictObject({
        material: plainText(100),
        result: z.enum(["pass", "fail", "poor"]),
        note: plainText(500).optional(),
        residentWarned: z.boolean(),
      })
      .refine((v) => v.result === "pass" || v.residentWarned, {
        message: "warn the resident about failed or poor materials (their choice is respected)",
        path: ["residentWarned"],
      }),
    (i, ctx) => ({
      record: keep(ctx, {
        materialsChecks: [
          ...wo(ctx).materialsChecks,
          { material: i.material, result: i.result, ...(i.note ? { note: i.note } : {}), residentWarned: i.residentWarned, ...signed(ctx) },
        ],
      }),
      publicNote: "materials-checked",
      data: { material: i.material, result: i.result, residentWarned: i.residentWarned },
    }),
  ),

  "complete-work": step(
    z.strictObject({
      workDone: plainText(1000),
      materials: z
        .array(
          z.strictObject({
            name: plainText(100),
            qty: z.number().positive().max(10_000),
            unit: plainText(20).optional(),
            suppliedBy: z.enum(["branch", "resident"]),
          }),
        )
        .max(50),
      photos: StepPhotos,
    }),
    (i, ctx) => {
      const w = wo(ctx);
      const q = lastQuote(w);
      if (!q?.decision?.accepted) throw new Conflict("no accepted quote on record: work starts only after the resident accepts the price");
      // The amount is the accepted quote: never a price afterwards (DOMAIN.md "Repairs" step 4).
      const work = {
        done: i.workDone,
        materials: i.materials.map((m) => ({ ...m })),
        labourFen: q.labourFen,
        materialFen: q.materialFen,
        totalFen: q.totalFen,
        ...(i.photos?.length ? { photos: i.photos } : {}),
        ...signed(ctx),
      };
      return {
        record: keep(ctx, { work }),
        publicNote: "work-done",
        data: { totalFen: q.totalFen, materials: i.materials.length, ...(i.photos?.length ? { photos: i.photos } : {}) },
        attachments: photosOf(i.photos),
        notices: [{ type: "workOrder.completed", recipients: ["resident"], params: { ...code(ctx), total: yuan(q.totalFen) } }],
      };
    },
  ),

  "defer-acceptance": step(
    z.strictObject({ condition: z.enum(["next-rain", "water-flows"]), note: plainText(500).optional() }),
    (i, ctx) => ({
      record: keep(ctx, { deferral: { condition: i.condition, ...(i.note ? { note: i.note } : {}), ...signed(ctx) } }),
      publicNote: `deferred-${i.condition}`,
      data: { condition: i.condition },
    }),
  ),

  // The resident signs by drawing (a PNG uploaded first, `signatureId`) and with their name as written.
  "confirm-completion": step(
    z.strictObject({ amountFen: Fen, signature: plainText(40), signatureId: AttachmentId.optional(), note: plainText(500).optional() }),
    (i, ctx) => {
      const w = wo(ctx);
      const total = w.work!.totalFen;
      if (i.amountFen !== total) throw field("amountFen", `the amount to confirm is ${total} fen (${yuan(total)}), as quoted`);
      return {
        outcome: total > 0 ? "payable" : "free",
        record: keep(ctx, {
          acceptance: {
            amountFen: total,
            signature: i.signature,
            ...(i.signatureId ? { signatureId: i.signatureId } : {}),
            ...(i.note ? { note: i.note } : {}),
            ...signed(ctx),
          },
          ...(total === 0 ? { completedAt: ctx.now } : {}),
        }),
        publicNote: total > 0 ? "accepted-payable" : "accepted",
        data: { amountFen: total, deferred: w.deferral?.condition ?? null, ...(i.signatureId ? { signatureId: i.signatureId } : {}) },
        ...(i.signatureId ? { attachments: [{ id: i.signatureId, purpose: "signature" as const }] } : {}),
      };
    },
  ),

  "return-work": step(Reason, (i, ctx) => ({
    record: keep(ctx, { returns: [...wo(ctx).returns, { reason: i.reason, ...signed(ctx) }] }),
    publicNote: "work-returned",
    data: { reason: i.reason },
    notices: wo(ctx).technicianId
      ? [{ type: "workOrder.refused", recipients: [`staff:${wo(ctx).technicianId}`], params: { ...code(ctx), reason: i.reason } }]
      : [],
  })),

  "record-payment": step(
    z.strictObject({ amountFen: Fen, method: z.enum(["cash", "wechat", "alipay", "card", "transfer"]), receiptNo: plainText(40) }),
    (i, ctx) => {
      const total = wo(ctx).acceptance!.amountFen;
      if (i.amountFen !== total) throw field("amountFen", `the amount due is ${total} fen (${yuan(total)})`);
      return {
        record: keep(ctx, {
          payment: { amountFen: i.amountFen, method: i.method, receiptNo: i.receiptNo, ...signed(ctx) },
          completedAt: ctx.now,
        }),
        publicNote: "paid",
        data: { amountFen: i.amountFen, method: i.method },
      };
    },
  ),

  "follow-up": step(FollowUpInput(), (i, ctx) => followUp(i, ctx, wo(ctx).followUps, (followUps) => keep(ctx, { followUps }))),

  withdraw: step(Reason, (i, _ctx) => ({ record: _ctx.record, publicNote: "withdrawn", data: { reason: i.reason }, assigneeId: null })),
};

/** The follow-up visit (回访) of repairs and complaints. */
export function FollowUpInput() {
  return z
    .strictObject({
      /** Staff say how they reached the resident; a resident rating in the portal is "online". */
      channel: z.enum(["phone", "visit", "online"]).optional(),
      satisfied: z.boolean(),
      score: z.number().int().min(1).max(5).optional(),
      comment: plainText(1000).optional(),
      /** What the case library keeps when the resident is not satisfied. */
      lesson: plainText(1000).optional(),
      department: plainText(60).optional(),
      photos: z.array(z.string().max(64)).max(6).optional(),
    })
    .refine((v) => v.satisfied || v.comment !== undefined, { message: "record what the resident is unhappy with", path: ["comment"] });
}
type FollowUp = z.output<ReturnType<typeof FollowUpInput>>;

export function followUp<R>(
  i: FollowUp,
  ctx: StepContext<R>,
  history: WorkOrder["followUps"],
  store: (h: WorkOrder["followUps"]) => R,
): StepEffect<R> {
  const channel = ctx.actor ? i.channel : "online";
  if (!channel) throw new BadInput("how was the resident reached?", [{ path: "channel", message: "phone, visit or online" }]);
  const staffOnly = ctx.actor
    ? undefined
    : (["channel", "lesson", "department", "photos"] as const).find((k) => i[k] !== undefined && i[k] !== "online");
  if (staffOnly)
    throw new BadInput("recorded by staff only", [
      { path: staffOnly, message: "the portal rates online; the case library is written by staff" },
    ]);
  const reopened = !i.satisfied && ctx.settings.workflow.reopenOnUnsatisfied;
  const entry = {
    channel,
    satisfied: i.satisfied,
    ...(i.score !== undefined ? { score: i.score } : {}),
    ...(i.comment ? { comment: i.comment } : {}),
    ...signed(ctx),
  };
  return {
    outcome: reopened ? "reopened" : "closed",
    record: store([...history, entry]),
    publicNote: reopened ? "reopened" : "followed-up",
    data: { channel, satisfied: i.satisfied, score: i.score ?? null, reopened },
    reopened,
    ...(i.score !== undefined ? { rating: { score: i.score, comment: i.comment ?? null } } : {}),
    ...(i.satisfied
      ? {}
      : {
          caseEntry: {
            source: "follow-up" as const,
            problem: i.comment ?? "",
            lesson: i.lesson ?? "",
            department: i.department ?? "",
            photos: i.photos ?? [],
          },
          notices: [
            {
              type: "request.reopened" as const,
              recipients: ["owner", "serviceSupervisor"],
              params: { trackingCode: ctx.request.trackingCode },
            },
          ],
        }),
  };
}
