import { z } from "zod";

/** Staff roles of DOMAIN.md "Who is involved". Residents are not staff: they act through the portal. */
export const BRANCH_ROLES = [
  "agent", // 客服接待员
  "serviceSupervisor", // 客服中心主管
  "engineeringSupervisor", // 工程部主管
  "technician", // 维修人员
  "branchManager", // 项目经理
  "nightManager", // 夜间值班经理
] as const;
export const SUPERVISION_ROLES = ["regionSupervisor", "hqSupervisor"] as const; // 片区督导 / 总部督导
/** 集团系统管理员: regions, branches, head-office and region users; no branch's requests. */
export const ORG_ROLES = ["orgAdmin"] as const;
export const ROLES = [...BRANCH_ROLES, ...SUPERVISION_ROLES, ...ORG_ROLES] as const;

export type BranchRole = (typeof BRANCH_ROLES)[number];
export type SupervisionRole = (typeof SUPERVISION_ROLES)[number];
export type OrgRole = (typeof ORG_ROLES)[number];
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

export function isBranchRole(role: Role): role is BranchRole {
  return (BRANCH_ROLES as readonly string[]).includes(role);
}

/** Who the token speaks for, resolved once per request. */
export interface Actor {
  staffId: string;
  orgId: string;
  role: Role;
  /** The tenant; null for head office and region users. */
  branchId: string | null;
  /** Region scope of a region supervisor; null means the whole organization (head office). */
  regionId: string | null;
  locale: "zh-CN" | "en";
}
