import { transferDecisionOperation } from "./decide-transfer.ts";

/** The receiver accepts a hand-over (转交) and owns the request from now on. */
export const acceptTransferRoute = transferDecisionOperation("accept");
