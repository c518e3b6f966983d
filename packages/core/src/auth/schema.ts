import { z } from "zod";
import { PhoneSchema } from "../request/schema.ts";
import { passwordWeakness } from "./password-policy.ts";
import { RoleSchema } from "./role.ts";

/** A login name as staff type it: an email, or a mainland phone number (Chinese staff log in by phone). */
export const LoginNameSchema = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .transform((s, ctx) => {
    if (s.includes("@")) {
      const email = z.email().safeParse(s.toLowerCase());
      if (email.success) return { email: email.data } as const;
      ctx.addIssue({ code: "custom", message: "not a valid email or phone number" });
      return z.NEVER;
    }
    const phone = PhoneSchema.safeParse(s);
    if (phone.success) return { phone: phone.data } as const;
    ctx.addIssue({ code: "custom", message: "not a valid email or phone number" });
    return z.NEVER;
  });
export type LoginName = z.output<typeof LoginNameSchema>;

/** `email` may hold a phone number instead (the published contract); `phone` is the same, named plainly. */
export const LoginInputSchema = z
  .strictObject({
    email: LoginNameSchema.optional(),
    phone: LoginNameSchema.optional(),
    password: z.string().min(1).max(200),
  })
  .refine((v) => v.email || v.phone, { message: "email or phone required", path: ["email"] });
export const RefreshInputSchema = z.strictObject({ refreshToken: z.string().min(20).max(200) });
/** Refresh and logout: the token in the body, or (browsers) in the HttpOnly cookie, so the body may be empty. */
export const CookieOrBodyRefreshSchema = z.strictObject({ refreshToken: z.string().min(20).max(200).optional() });
export const LogoutInputSchema = RefreshInputSchema;

export const NewPasswordSchema = z
  .string()
  .max(200)
  .superRefine((pw, ctx) => {
    const weak = passwordWeakness(pw);
    if (weak) ctx.addIssue({ code: "custom", message: weak });
  });

export const ChangePasswordInputSchema = z.strictObject({ oldPassword: z.string().min(1).max(200), newPassword: NewPasswordSchema });
/** Invite acceptance and reset: the one-time token from the link sets the password. */
export const SetPasswordInputSchema = z.strictObject({ token: z.string().min(20).max(200), newPassword: NewPasswordSchema });
export const ForgotPasswordInputSchema = z.strictObject({ login: LoginNameSchema });
export const ForgotPasswordResetSchema = z.strictObject({
  login: LoginNameSchema,
  code: z.string().regex(/^\d{6}$/, "six digits"),
  newPassword: NewPasswordSchema,
});

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
    /** First login after an invite or a reset by the manager: the console asks for a new password first. */
    mustChangePassword: z.boolean(),
  }),
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

/**
 * Claims of the access token: everything tenancy needs, nothing personal. `sv` is the member's session version
 * (deactivation and a password set end every session) and `fam` the login it belongs to (logout ends it).
 */
export const AccessClaimsSchema = z.object({
  sub: z.string(),
  org: z.string(),
  role: RoleSchema,
  br: z.string().nullable(),
  rgn: z.string().nullable(),
  loc: z.enum(["zh-CN", "en"]),
  sv: z.number().int().optional(),
  fam: z.string().optional(),
});
export type AccessClaims = z.infer<typeof AccessClaimsSchema>;
