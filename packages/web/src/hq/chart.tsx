import type { TrendPoint } from "../api/types.ts";
import { tr } from "../lib/i18n.ts";

/**
 * Requests (bars) and compliance % (line) per bucket, hand-rolled SVG: a chart library would cost more than
 * this whole dashboard; the SVG scales with the card and has a text alternative (the table below it).
 */
export function TrendChart({ items }: { items: TrendPoint[] }) {
  if (!items.length) return <p class="hint">{tr("w.hq.noData")}</p>;
  const W = 640;
  const H = 220;
  const pad = { l: 36, r: 36, t: 12, b: 28 };
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const maxReq = Math.max(1, ...items.map((i) => i.requests));
  const step = iw / items.length;
  const x = (i: number) => pad.l + step * i + step / 2;
  const yReq = (v: number) => pad.t + ih - (v / maxReq) * ih;
  const yPct = (v: number) => pad.t + ih - (v / 100) * ih;
  const line = items
    .map((p, i) => (p.compliance === null ? null : `${x(i).toFixed(1)},${yPct(p.compliance).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  const every = Math.ceil(items.length / 8);
  return (
    <figure class="chart" id="trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={tr("w.hq.trendAlt", { n: items.length })}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={yPct(v)} y2={yPct(v)} stroke="#e5e6eb" />
            <text x={W - pad.r + 4} y={yPct(v) + 4} font-size="11" fill="#4e5969">
              {v}%
            </text>
          </g>
        ))}
        <text x={pad.l - 4} y={pad.t + 8} font-size="11" fill="#4e5969" text-anchor="end">
          {maxReq}
        </text>
        {items.map((p, i) => (
          <rect
            key={p.bucket}
            x={x(i) - step * 0.3}
            width={step * 0.6}
            y={yReq(p.requests)}
            height={pad.t + ih - yReq(p.requests)}
            fill="#94bfff"
          >
            <title>{`${p.bucket}: ${p.requests}`}</title>
          </rect>
        ))}
        {line && <polyline points={line} fill="none" stroke="#00a35a" stroke-width="2.5" />}
        {items.map((p, i) =>
          p.compliance === null ? null : (
            <circle key={`c${i}`} cx={x(i)} cy={yPct(p.compliance)} r="3" fill="#00a35a">
              <title>{`${p.bucket}: ${p.compliance}%`}</title>
            </circle>
          ),
        )}
        {items.map((p, i) =>
          i % every === 0 ? (
            <text key={`t${i}`} x={x(i)} y={H - 8} font-size="11" fill="#4e5969" text-anchor="middle">
              {p.bucket.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption class="legend">
        <span>
          <span aria-hidden="true" style="color:#94bfff">
            ■
          </span>{" "}
          {tr("w.hq.requests")}
        </span>
        <span>
          <span aria-hidden="true" style="color:#00a35a">
            ●
          </span>{" "}
          {tr("w.hq.compliance")}
        </span>
      </figcaption>
    </figure>
  );
}
