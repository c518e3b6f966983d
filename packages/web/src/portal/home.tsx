import type { REQUEST_KINDS } from "@wuye/core/request";
import { useState } from "preact/hooks";
import type { BranchProfile } from "../api/types.ts";
import { term, tr, yuan } from "../lib/i18n.ts";
import { navigate } from "../lib/router.ts";
import { ResidentNotice } from "../ui/resident-notice.tsx";
import { Card } from "../ui/kit.tsx";
import { forgetCodes, recentCodes } from "./recent.ts";

export const PORTAL_KINDS = [
  "repair",
  "complaint",
  "inquiry",
  "help",
  "suggestion",
  "medical",
  "security",
  "disaster",
] as const satisfies ReadonlyArray<(typeof REQUEST_KINDS)[number]>;

export function PortalHome({ branch, profile }: { branch: string; profile: BranchProfile }) {
  const [code, setCode] = useState("");
  const [recent, setRecent] = useState(() => recentCodes(branch));
  return (
    <>
      <Card title={tr("w.portal.ask")} id="kinds">
        <div class="kind-grid">
          {PORTAL_KINDS.map((k) => (
            <a
              key={k}
              class={`kind-tile${k === "medical" || k === "security" || k === "disaster" ? " alarm" : ""}`}
              href={`/b/${branch}/new/${k}`}
              data-kind={k}
            >
              {term("kind", k)}
            </a>
          ))}
        </div>
        <p class="phones">{tr("w.portal.phones", { service: profile.servicePhone, complaint: profile.complaintPhone })}</p>
      </Card>

      <Card title={tr("w.portal.track")}>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (code.trim()) navigate(`/b/${branch}/t/${encodeURIComponent(code.trim().toUpperCase())}`);
          }}
        >
          <label for="track-code" class="sr-only">
            {tr("w.portal.trackCode")}
          </label>
          <input
            id="track-code"
            value={code}
            placeholder={tr("w.portal.trackCode")}
            onInput={(e) => setCode(e.currentTarget.value)}
            autoComplete="off"
          />
          <button type="submit">{tr("w.portal.trackGo")}</button>
        </form>
        {recent.length > 0 && (
          <>
            <ul class="plain" id="recent-codes">
              {recent.map((r) => (
                <li key={r.code}>
                  <a href={`/b/${branch}/t/${r.code}`}>{r.code}</a> <span class="hint">{term("kind", r.kind)}</span>
                </li>
              ))}
            </ul>
            <button
              type="button"
              class="link"
              id="forget-device"
              onClick={() => {
                forgetCodes(branch);
                setRecent([]);
              }}
            >
              {tr("w.privacy.forgetDevice")}
            </button>
            <p class="hint">{tr("w.privacy.forgetHint")}</p>
          </>
        )}
      </Card>

      <Card title={tr("w.portal.commitments")} id="commitments">
        <ul class="commitments">
          {profile.commitments.map((c, i) => (
            <li key={i}>{c.text}</li>
          ))}
        </ul>
      </Card>

      <Card title={tr("w.portal.notices")} id="notices">
        {profile.notices.length === 0 && <p class="hint">{tr("w.portal.noNotices")}</p>}
        {profile.notices.map((n) => (
          <ResidentNotice key={n.id} title={n.title} body={n.body} date={n.publishedAt} />
        ))}
      </Card>

      <Card title={tr("w.portal.prices")} id="prices">
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{tr("w.price.item")}</th>
                <th scope="col">{tr("w.price.unit")}</th>
                <th scope="col" class="num">
                  {tr("w.price.labour")}
                </th>
                <th scope="col" class="num">
                  {tr("w.price.material")}
                </th>
              </tr>
            </thead>
            <tbody>
              {profile.priceList.map((p) => (
                <tr key={p.code}>
                  <td>{p.name}</td>
                  <td>{term("unit", p.unit)}</td>
                  <td class="num">{yuan(p.labourFen)}</td>
                  <td class="num">{yuan(p.materialFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="hint">{tr("w.price.note")}</p>
      </Card>
    </>
  );
}
