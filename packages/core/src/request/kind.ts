import { z } from "zod";

/** The help-request program's A–G, plus suggestions (DOMAIN.md "Request kinds"). */
export const REQUEST_KINDS = ["medical", "repair", "complaint", "inquiry", "security", "disaster", "help", "suggestion"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const RequestKindSchema = z.enum(REQUEST_KINDS);

/** Kinds that alert the branch manager at once and ignore quiet hours. */
export const ALARM_KINDS: ReadonlySet<RequestKind> = new Set(["medical", "security", "disaster"]);

export const CHANNELS = ["portal", "phone", "walk-in", "letter", "staff-found", "qr"] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = z.enum(CHANNELS);

export const URGENCIES = ["urgent", "normal"] as const;
export type Urgency = (typeof URGENCIES)[number];
