import { z } from "zod";

/** A resident's rating of a request (1–5 stars, satisfied or not, a comment). */
export const RatingInputSchema = z.strictObject({
  score: z.number().int().min(1).max(5),
  /** Asked in the portal; when left out, 1–2 stars count as not satisfied. */
  satisfied: z.boolean().optional(),
  comment: z
    .string()
    .trim()
    .max(500)
    .refine((v) => !/<\s*\/?\s*[a-z!?]/i.test(v), "must be plain text")
    .optional(),
});
export type RatingInput = z.infer<typeof RatingInputSchema>;

/** The lowest score that counts as satisfied when the resident did not say. */
export const SATISFIED_FROM_SCORE = 3;

/** Whether a rating counts as satisfied: what the resident said, else 3 stars or more. */
export const isSatisfied = (r: { score: number; satisfied?: boolean | undefined }): boolean =>
  r.satisfied ?? r.score >= SATISFIED_FROM_SCORE;
