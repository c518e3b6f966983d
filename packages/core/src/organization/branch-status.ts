import { z } from "zod";
import { DomainError, InvalidTransition } from "../errors/index.ts";

/** A suspended branch (停用) keeps its data and can be read, but takes no new work until it is resumed. */
export const BRANCH_STATUSES = ["active", "suspended"] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];
export const BranchStatusSchema = z.enum(BRANCH_STATUSES);

/** What someone does to a branch's data: reading it, or changing it (console writes, public intake, resident steps). */
export type BranchAccess = "read" | "write";

export class BranchSuspended extends DomainError {
  constructor(slug: string) {
    super("branch_suspended", `branch ${slug} is suspended: it can be read but takes no new requests or changes`, {
      detail: { branch: slug, branchStatus: "suspended" },
    });
  }
}

export function branchAllows(status: string, access: BranchAccess): boolean {
  return access === "read" || status === "active";
}

/** Throws BranchSuspended when the branch does not allow this access. */
export function assertBranchAllows(branch: { slug: string; status: string }, access: BranchAccess): void {
  if (!branchAllows(branch.status, access)) throw new BranchSuspended(branch.slug);
}

/** HTTP methods that only read; everything else is a write for the suspension rule. */
export function accessOfMethod(method: string): BranchAccess {
  return ["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase()) ? "read" : "write";
}

const STATUS_AFTER: Record<"suspend" | "resume", { from: BranchStatus; to: BranchStatus }> = {
  suspend: { from: "active", to: "suspended" },
  resume: { from: "suspended", to: "active" },
};

/** The status after suspending or resuming; doing either twice is an invalid transition (409). */
export function branchStatusAfter(status: string, action: "suspend" | "resume"): BranchStatus {
  const step = STATUS_AFTER[action];
  if (status !== step.from) throw new InvalidTransition(status, action);
  return step.to;
}
