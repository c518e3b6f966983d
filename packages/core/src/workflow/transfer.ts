import { z } from "zod";
import type { Role } from "../auth/role.ts";

// A request handed over to a colleague (转交, 首问负责制: the owner stays the owner until the colleague accepts),
// and the case library's input (案例库). Not the shift handover (交接班): that is frontdesk's ShiftHandover*.

/** Offer a request to a colleague; the owner stays the owner until the colleague accepts. */
export const TransferInputSchema = z.strictObject({
  toStaffId: z.string().min(3).max(64),
  note: z.string().trim().min(1).max(500).optional(),
});
export type TransferInput = z.infer<typeof TransferInputSchema>;

/** The receiver's answer to a hand-over (accept or decline), with an optional reason. */
export const TransferDecisionSchema = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** Roles that may hand over a request they do not own. */
const TRANSFER_SUPERVISORS: ReadonlySet<Role> = new Set(["branchManager", "serviceSupervisor"]);

/** Who may offer a request to a colleague: its owner, or a supervisor. */
export function mayOfferTransfer(actor: { staffId: string; role: Role }, ownerId: string | null): boolean {
  return ownerId === actor.staffId || TRANSFER_SUPERVISORS.has(actor.role);
}

/** Only the colleague it was offered to answers a hand-over. */
export const mayAnswerTransfer = (actor: { staffId: string }, transfer: { toId: string }): boolean => transfer.toId === actor.staffId;

/** A case added to the library by hand: problem, lesson, responsible department (photos are attachment ids). */
export const CaseInputSchema = z.strictObject({
  requestId: z.string().min(3).max(64).optional(),
  problem: z.string().trim().min(2).max(2000),
  lesson: z.string().trim().min(2).max(2000),
  department: z.string().trim().min(1).max(60),
  photos: z.array(z.string().max(64)).max(6).optional(),
});
export type CaseInput = z.infer<typeof CaseInputSchema>;
