import { branchStatusRoute } from "./branch-status-route.ts";

export const suspendBranchRoute = branchStatusRoute(
  "suspend",
  "Suspend a branch (停用): its console becomes read-only and its portal takes no new requests (423 branch_suspended)",
);
