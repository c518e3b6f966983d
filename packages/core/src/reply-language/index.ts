export {
  ALLOWED_WORDS_WITH_BU,
  checkReply,
  DEFAULT_REPLY_GUARD_LIST,
  GENERIC_REPLY_SUGGESTION,
  normalizeReplyText,
  ReplyGuardEntrySchema,
  ReplyGuardListSchema,
} from "./guard.ts";
export type { ReplyCheckResult, ReplyGuardEntry, ReplyGuardList, ReplyHit } from "./guard.ts";
