import { z } from "zod";

// Inputs of the ownership routes (首问负责制) and the case library (案例库), shared by the API and the console.

/** Offer a request to a colleague; the owner stays the owner until the colleague accepts. */
export const HandOverInputSchema = z.strictObject({
  toStaffId: z.string().min(3).max(64),
  note: z.string().trim().min(1).max(500).optional(),
});
export type HandOverInput = z.infer<typeof HandOverInputSchema>;

/** The receiver's answer to a hand-over (accept or decline), with an optional reason. */
export const HandOverDecisionSchema = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** A case added to the library by hand: problem, lesson, responsible department (photos are attachment ids). */
export const CaseInputSchema = z.strictObject({
  requestId: z.string().min(3).max(64).optional(),
  problem: z.string().trim().min(2).max(2000),
  lesson: z.string().trim().min(2).max(2000),
  department: z.string().trim().min(1).max(60),
  photos: z.array(z.string().max(64)).max(6).optional(),
});
export type CaseInput = z.infer<typeof CaseInputSchema>;
