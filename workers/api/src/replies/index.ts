import { createRouter } from "../http/openapi.ts";
import { checkReplyRoute } from "./check-reply.ts";
import { sendReplyRoute } from "./send-reply.ts";

/** Replies to the resident, checked against the branch's language list, under /console. */
export const replyRoutes = createRouter().route("/", checkReplyRoute).route("/", sendReplyRoute);
