import { z } from "zod";
import { BRANCH_ROLES, SUPERVISION_ROLES } from "../auth/role.ts";
import { NewPasswordSchema } from "../auth/schema.ts";
import { PhoneSchema } from "../request/schema.ts";

const name = z.string().trim().min(1).max(40);
const email = z
  .email()
  .max(200)
  .transform((s) => s.toLowerCase());
const code = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "lower-case code");
const ids = z.array(z.string().min(3).max(64)).max(50);

const staffFields = {
  name,
  phone: PhoneSchema.optional(),
  email: email.optional(),
  skills: z.array(code).max(20).optional(),
  communities: ids.optional(),
  locale: z.enum(["zh-CN", "en"]).optional(),
};
const hasLoginName = (v: { phone?: string | undefined; email?: string | undefined }) => !!(v.phone || v.email);
const loginNameIssue = { message: "a phone or an email is needed to log in", path: ["phone"] };

/** A branch manager adds a member of the branch's own staff (POST /console/staff). */
export const StaffCreateInputSchema = z
  .strictObject({
    ...staffFields,
    role: z.enum(BRANCH_ROLES),
    /** A first password handed over in person instead of the link; the first login then forces a change. */
    initialPassword: NewPasswordSchema.optional(),
  })
  .refine(hasLoginName, loginNameIssue);
export type StaffCreateInput = z.infer<typeof StaffCreateInputSchema>;

/** A change (If-Match: the member's version); null clears phone or email (one must remain). */
export const StaffPatchInputSchema = z.strictObject({
  name: name.optional(),
  role: z.enum(BRANCH_ROLES).optional(),
  phone: PhoneSchema.nullable().optional(),
  email: email.nullable().optional(),
  skills: z.array(code).max(20).optional(),
  communities: ids.optional(),
  locale: z.enum(["zh-CN", "en"]).optional(),
});
export type StaffPatchInput = z.infer<typeof StaffPatchInputSchema>;

/** The organization administrator's users: head office, a region, or a branch's first manager. */
export const OrgUserCreateInputSchema = z
  .strictObject({
    ...staffFields,
    role: z.enum([...SUPERVISION_ROLES, "branchManager", "orgAdmin"]),
    regionId: z.string().min(3).max(64).optional(),
    branchId: z.string().min(3).max(64).optional(),
  })
  .refine(hasLoginName, loginNameIssue)
  .refine((v) => v.role !== "regionSupervisor" || v.regionId, { message: "a region user needs a region", path: ["regionId"] })
  .refine((v) => v.role !== "branchManager" || v.branchId, { message: "a branch manager needs a branch", path: ["branchId"] });
export type OrgUserCreateInput = z.infer<typeof OrgUserCreateInputSchema>;

/** Staff as the manager sees them: no password data, never tokens. */
export const StaffViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  skills: z.array(z.string()),
  communities: z.array(z.string()),
  locale: z.string(),
  active: z.boolean(),
  invited: z.boolean(),
  mustChangePassword: z.boolean(),
  branchId: z.string().nullable(),
  regionId: z.string().nullable(),
  version: z.number(),
});
export type StaffView = z.infer<typeof StaffViewSchema>;
