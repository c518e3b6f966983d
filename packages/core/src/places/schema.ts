import { z } from "zod";

const name = z.string().trim().min(1).max(60);
const id = z.string().min(3).max(64);

export const PUBLIC_AREA_KINDS = ["lobby", "garage", "elevator", "garden", "gate", "corridor", "roof", "other"] as const;
export type PublicAreaKind = (typeof PUBLIC_AREA_KINDS)[number];

export const CommunityInputSchema = z.strictObject({ name });
export const BuildingInputSchema = z.strictObject({ communityId: id, name });
export const UnitInputSchema = z.strictObject({
  buildingId: id,
  /** 单元 (a stairway entrance), as written on the building: "1", "2单元". */
  entrance: z.string().trim().max(20).optional(),
  number: z.string().trim().min(1).max(20),
  /** 面积 in square metres. */
  area: z.number().positive().max(100_000).optional(),
});
export const PublicAreaInputSchema = z.strictObject({
  communityId: id,
  buildingId: id.optional(),
  kind: z.enum(PUBLIC_AREA_KINDS),
  name,
});

/** Changes, each under If-Match (the place's version). */
export const CommunityPatchSchema = z.strictObject({ name });
export const BuildingPatchSchema = z.strictObject({ name });
export const UnitPatchSchema = z.strictObject({
  entrance: z.string().trim().max(20).nullable().optional(),
  number: z.string().trim().min(1).max(20).optional(),
  area: z.number().positive().max(100_000).nullable().optional(),
});
export const PublicAreaPatchSchema = z.strictObject({ kind: z.enum(PUBLIC_AREA_KINDS).optional(), name: name.optional() });

export const PLACE_KINDS = ["communities", "buildings", "units", "public-areas"] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
