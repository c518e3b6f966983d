import { branchStatusRoute } from "./branch-status-route.ts";

export const resumeBranchRoute = branchStatusRoute("resume", "Resume a suspended branch: console and portal take work again");
