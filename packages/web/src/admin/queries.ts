import { answer, type Output } from "../lib/api.ts";
import { invalidate, useQuery } from "../lib/query.ts";
import { staffApi } from "../lib/session.ts";

export type BranchItem = Output<typeof staffApi.admin.branches.$get>["items"][number];
export type RegionItem = Output<typeof staffApi.admin.regions.$get>["items"][number];

export const useBranches = () => useQuery("admin:branches", () => answer(staffApi.admin.branches.$get()));
export const useRegions = () => useQuery("admin:regions", () => answer(staffApi.admin.regions.$get()));

/** After any change: both lists (a branch's region changes the regions' counts). */
export const refreshAdmin = () => invalidate("admin:");
