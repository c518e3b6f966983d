import { transferDecisionOperation } from "./decide-transfer.ts";

/** The receiver declines a hand-over (转交); the owner keeps the request. */
export const declineTransferRoute = transferDecisionOperation("decline");
