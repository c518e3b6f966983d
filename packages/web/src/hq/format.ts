/** A share in per cent as the dashboard shows it ("—" when there is nothing to share). */
export const pct = (v: number | null) => (v === null ? "—" : `${v}%`);
/** The badge tone of a compliance share: 95 % and up fine, 80 % and up a warning, below that bad. */
export const tone = (v: number | null) => (v === null ? "muted" : v >= 95 ? "ok" : v >= 80 ? "warn" : "bad");
/** A mean satisfaction with its scale ("4.2 / 5"), "—" when nobody rated. */
export const satisfaction = (mean: number | null, scale: number) => (mean === null ? "—" : `${mean} / ${scale}`);
