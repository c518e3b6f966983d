import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { decideTransfer, decideTransferRoute } from "./decide-transfer.ts";

export const acceptTransferRoute = createRouter().openapi(decideTransferRoute("accept"), async (c) => {
  // If-Match is honoured here without being declared in the route (the document stays as it was).
  const decided = await decideTransfer(c, {
    requestId: c.req.valid("param").id,
    status: "accepted",
    reason: c.req.valid("json").reason,
    expected: expectedVersion(c.req.header("if-match")),
  });
  return c.json(decided, 200);
});
