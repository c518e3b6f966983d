import type { ComponentChild } from "preact";
import { tr } from "../lib/i18n.ts";
import { useProfile } from "../lib/profile.ts";
import { match } from "../lib/router.ts";
import { Async } from "../ui/kit.tsx";
import { TopBar } from "../ui/shell.tsx";
import { PortalHome } from "./home.tsx";
import { Mine } from "./mine.tsx";
import { QrRequest } from "./qr.tsx";
import { RequestForm } from "./request-form.tsx";
import { Track } from "./track.tsx";

/** The resident portal of one branch: /b/{branch}[/new/{kind} | /t/{code} | /my | /inbox]. Mobile first. */
export default function Portal({ branch, rest }: { branch: string; rest: string }) {
  const profile = useProfile(branch);
  const base = `/b/${branch}`;
  const path = rest || "/";
  let page: ComponentChild;
  const newMatch = match("/new/:kind", path) ?? match("/new", path);
  const track = match("/t/:code", path);
  const qr = match("/qr/:place", path);
  if (qr) page = <Async q={profile}>{(p) => <QrRequest branch={branch} profile={p} placeId={qr.place!} />}</Async>;
  else if (newMatch) page = <Async q={profile}>{(p) => <RequestForm branch={branch} profile={p} kind={newMatch.kind ?? ""} />}</Async>;
  else if (track) page = <Track branch={branch} code={track.code!} />;
  else if (path === "/my" || path === "/inbox") page = <Mine branch={branch} />;
  else page = <Async q={profile}>{(p) => <PortalHome branch={branch} profile={p} />}</Async>;
  return (
    <div class="portal">
      <TopBar
        title={profile.data?.name ?? tr("web.home.portal")}
        home={base}
        nav={
          <>
            <a href={`${base}/new`}>{tr("w.portal.nav.new")}</a>
            <a href={`${base}/my`}>{tr("w.portal.nav.my")}</a>
          </>
        }
      />
      <main class="page narrow">
        {profile.data?.status === "suspended" && (
          <div class="error-box" role="alert" id="branch-suspended">
            {tr("w.admin.portalSuspended", { phone: profile.data.servicePhone })}
          </div>
        )}
        {page}
      </main>
    </div>
  );
}
