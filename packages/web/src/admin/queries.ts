import { answer, type Output } from "../lib/api.ts";
import type { TextKey } from "../lib/i18n.ts";
import { invalidate, useQuery } from "../lib/query.ts";
import { staffApi } from "../lib/session.ts";

export type BranchItem = Output<typeof staffApi.admin.branches.$get>["items"][number];
export type RegionItem = Output<typeof staffApi.admin.regions.$get>["items"][number];
export type OrgUser = Output<typeof staffApi.admin.users.$get>["items"][number];

export const useBranches = () => useQuery("admin:branches", () => answer(staffApi.admin.branches.$get()));
export const useRegions = () => useQuery("admin:regions", () => answer(staffApi.admin.regions.$get()));
export const useOrgUsers = () => useQuery("admin:users", () => answer(staffApi.admin.users.$get()));

/** After any change: every list (a branch's region changes the regions' counts). */
export const refreshAdmin = () => invalidate("admin:");

/** A confirmation shown above the table, kept as key and values so that it follows a language switch. */
export interface Notice {
  key: TextKey;
  params: Record<string, string>;
}
