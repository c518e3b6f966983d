import QRCode from "qrcode";
import { useEffect, useState } from "preact/hooks";
import { tr } from "../../lib/i18n.ts";
import { useProfile } from "../../lib/profile.ts";
import { useQuery } from "../../lib/query.ts";
import { staffSession } from "../../lib/session.ts";
import { Async, ErrorBox } from "../../ui/kit.tsx";
import { loadPlaces, PLACES_KEY } from "./place-form.tsx";

/** What a poster opens: the portal's form for this branch with the building or public area filled in. */
export const posterUrl = (branch: string, placeId: string) => `${location.origin}/b/${branch}/qr/${placeId}`;

/**
 * 扫码报修: an A4 poster (print CSS, printed by the browser) for one building or public area; its QR code opens
 * the portal's request form with the place filled in, and the request records the channel `qr`.
 */
export function PosterPage({ id }: { id: string }) {
  const branch = staffSession()?.staff.branch ?? "";
  const profile = useProfile(branch);
  const places = useQuery(PLACES_KEY, loadPlaces);
  const [qr, setQr] = useState("");
  const url = posterUrl(branch, id);
  useEffect(() => {
    void QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 1, width: 720 }).then(setQr);
  }, [url]);
  return (
    <Async q={places}>
      {(p) => {
        const place = p.buildings.find((b) => b.id === id) ?? p.publicAreas.find((a) => a.id === id);
        if (!place) return <ErrorBox error={tr("w.places.empty")} />;
        const community = p.communities.find((c) => c.id === place.communityId);
        return (
          <article class="poster" id="poster" data-url={url}>
            <p class="poster-branch">{profile.data?.name}</p>
            <h1>{tr("w.poster.title")}</h1>
            <p class="poster-place">
              {community?.name} · {place.name}
            </p>
            {qr && <img src={qr} alt={url} width={360} height={360} id="poster-qr" />}
            <p>{tr("w.poster.body")}</p>
            {profile.data && <p class="poster-phone">{tr("w.poster.phone", { phone: profile.data.servicePhone })}</p>}
            <button type="button" class="primary no-print" onClick={() => print()}>
              {tr("w.poster.print")}
            </button>
          </article>
        );
      }}
    </Async>
  );
}
