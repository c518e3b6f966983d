import { z } from "zod";
import { RoleSchema } from "./role.ts";

export const LoginInputSchema = z.strictObject({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});
export const RefreshInputSchema = z.strictObject({ refreshToken: z.string().min(20).max(200) });
export const LogoutInputSchema = RefreshInputSchema;

export const TokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int(),
  staff: z.object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    branch: z.string().nullable(),
    locale: z.enum(["zh-CN", "en"]),
  }),
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

/** Claims of the access token: everything tenancy needs, nothing personal. */
export const AccessClaimsSchema = z.object({
  sub: z.string(),
  org: z.string(),
  role: RoleSchema,
  br: z.string().nullable(),
  rgn: z.string().nullable(),
  loc: z.enum(["zh-CN", "en"]),
});
export type AccessClaims = z.infer<typeof AccessClaimsSchema>;
