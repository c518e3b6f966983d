/**
 * Staff reads of a resident's record are audited, but a page that polls would write a row every few seconds:
 * one read per staff member × record is recorded per window, the first of it. A change is always audited.
 */
export const READ_AUDIT_WINDOW_MS = 10 * 60_000;

/** The earliest instant of an earlier read that makes this read, at `now`, need no audit row of its own. */
export const readAuditedSince = (now: number): number => now - READ_AUDIT_WINDOW_MS + 1;
