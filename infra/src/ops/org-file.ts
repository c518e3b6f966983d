import { BranchCreateSchema, isBranchRole, RegionInputSchema, ROLES } from "@wuye/core";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const Name = z.string().trim().min(1).max(60);

/** A whole organization in one file: the shape `provision-org` reads (YAML or JSON). */
export const OrgFileSchema = z.strictObject({
  organization: z.strictObject({ slug: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/), name: Name }),
  regions: z.array(RegionInputSchema).default([]),
  branches: z
    .array(
      BranchCreateSchema.omit({ regionId: true }).extend({
        /** The region's name, as listed under `regions`; absent: the branch reports to head office. */
        region: Name.optional(),
        communities: z
          .array(
            z.strictObject({
              name: Name,
              buildings: z.array(z.strictObject({ name: Name, units: z.array(z.string().trim().min(1).max(20)).default([]) })).default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  staff: z
    .array(
      z.strictObject({
        name: Name,
        email: z.email().max(200),
        phone: z.string().trim().max(20).optional(),
        role: z.enum(ROLES),
        /** Branch slug for branch roles; region name for a region supervisor. */
        branch: z.string().optional(),
        region: Name.optional(),
        skills: z.array(z.string().max(40)).default([]),
        /** An initial password; without one the account is created unusable until a reset or invite. */
        password: z.string().min(8).max(200).optional(),
      }),
    )
    .default([]),
});
export type OrgFile = z.infer<typeof OrgFileSchema>;

/** Reads YAML or JSON (JSON is YAML) and checks it, naming each bad field by its path. */
export function parseOrgFile(text: string): OrgFile {
  const res = OrgFileSchema.safeParse(parseYaml(text));
  if (!res.success) throw new Error(`organization file: ${res.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const file = res.data;
  const regions = new Set(file.regions.map((r) => r.name));
  const slugs = new Set(file.branches.map((b) => b.slug));
  const problems = [
    ...file.branches.filter((b) => b.region && !regions.has(b.region)).map((b) => `branches.${b.slug}.region: no region ${b.region}`),
    ...file.staff.filter((s) => s.branch && !slugs.has(s.branch)).map((s) => `staff.${s.email}.branch: no branch ${s.branch}`),
    ...file.staff.filter((s) => s.region && !regions.has(s.region)).map((s) => `staff.${s.email}.region: no region ${s.region}`),
    ...file.staff.filter((s) => isBranchRole(s.role) && !s.branch).map((s) => `staff.${s.email}.branch: a ${s.role} works in a branch`),
  ];
  if (problems.length) throw new Error(`organization file: ${problems.join("; ")}`);
  return file;
}
