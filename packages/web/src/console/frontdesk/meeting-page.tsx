import { answer } from "../../lib/api.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Found } from "../../ui/found.tsx";
import { PrintSheet } from "../../ui/print.tsx";
import { useColleagues } from "../ownership/colleagues.ts";
import { MeetingBody, MeetingHeading } from "./forum.tsx";

/** 恳谈会 (/console/forum/{id}): the minutes, the points raised and the reply to each; replied to and published here too. */
export function MeetingPage({ id }: { id: string }) {
  const q = useQuery(`forum:${id}`, () => answer(staffApi.console.forum.meetings[":id"].$get({ param: { id } })));
  const { fullNameOf } = useColleagues();
  return (
    <Found q={q} back={{ href: "/console/forum", label: tr("w.detail.back.forum") }}>
      {(m) => (
        <PrintSheet
          id="meeting-page"
          base={`/console/forum/${m.id}`}
          data={{ "data-meeting": m.id, "data-open": String(m.openPoints), "data-published": String(!!m.publishedAt) }}
          heading={
            <h2>
              {tr("w.detail.meeting.title")} · <MeetingHeading m={m} />
            </h2>
          }
        >
          <dl class="kv">
            <dt>{tr("w.detail.meeting.recordedBy")}</dt>
            <dd>{fullNameOf(m.recordedBy)}</dd>
            <dt>{tr("w.fd.forum.points")}</dt>
            <dd id="meeting-answered">{tr("w.detail.meeting.answered", { n: m.points.length - m.openPoints, total: m.points.length })}</dd>
            {m.publishedAt && (
              <>
                <dt>{tr("w.fd.forum.published")}</dt>
                <dd>{fmtDateTime(m.publishedAt)}</dd>
              </>
            )}
          </dl>
          <h3>{tr("w.fd.forum.minutes")}</h3>
          <MeetingBody m={m} />
        </PrintSheet>
      )}
    </Found>
  );
}
