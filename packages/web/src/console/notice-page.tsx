import { answer } from "../lib/api.ts";
import { fmtDateTime, term, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { staffApi } from "../lib/session.ts";
import { Found } from "../ui/found.tsx";
import { Badge } from "../ui/kit.tsx";
import { PrintSheet } from "../ui/print.tsx";
import { ResidentNotice } from "../ui/resident-notice.tsx";
import { NOTICE_TONE, NoticeActions } from "./notices.tsx";
import { useColleagues } from "./ownership/colleagues.ts";

/** One notice (/console/notices/{id}): as residents read it, its status and its history; printable, and acted on. */
export function NoticePage({ id }: { id: string }) {
  const q = useQuery(`notices:${id}`, () => answer(staffApi.console.notices[":id"].$get({ param: { id } })), { pollMs: 20_000 });
  const { fullNameOf: nameOf } = useColleagues();
  return (
    <Found q={q} back={{ href: "/console/notices", label: tr("w.detail.back.notices") }}>
      {(n) => {
        const places = (n.audience?.communityIds?.length ?? 0) + (n.audience?.buildingIds?.length ?? 0);
        return (
          <>
            <PrintSheet
              id="notice-page"
              base={`/console/notices/${n.id}`}
              data={{ "data-notice": n.id, "data-status": n.status }}
              heading={<h2>{n.title}</h2>}
            >
              <dl class="kv">
                <dt>{tr("w.detail.notice.status")}</dt>
                <dd>
                  <Badge tone={NOTICE_TONE[n.status] ?? "muted"}>{term("notice.status", n.status)}</Badge>
                </dd>
                <dt>{tr("w.detail.notice.category")}</dt>
                <dd>{n.categoryName}</dd>
                <dt>{tr("w.detail.notice.audience")}</dt>
                <dd>{places ? tr("w.detail.notice.places", { n: places }) : tr("w.detail.notice.everyone")}</dd>
                <dt>{tr("w.detail.notice.publishAt")}</dt>
                <dd>{n.publishAt ? fmtDateTime(n.publishAt) : "—"}</dd>
                {n.expiresAt && (
                  <>
                    <dt>{tr("w.detail.notice.expiresAt")}</dt>
                    <dd>{fmtDateTime(n.expiresAt)}</dd>
                  </>
                )}
                <dt>{tr("w.detail.notice.draftedBy")}</dt>
                <dd>{nameOf(n.draftedBy)}</dd>
                <dt>{tr("w.detail.notice.approvedBy")}</dt>
                <dd>{n.approvedBy ? `${nameOf(n.approvedBy)} · ${fmtDateTime(n.approvedAt)}` : tr("w.detail.notice.notYet")}</dd>
              </dl>
              <section class="resident-preview" aria-label={tr("w.approve.asResidents")} data-preview="notice">
                <p class="hint">{tr("w.approve.asResidents")}</p>
                <ResidentNotice title={n.title} body={n.bodyForResidents} date={n.publishAt} open />
              </section>
              <section>
                <h3>{tr("w.detail.notice.history")}</h3>
                <ol id="notice-history" class="plain list">
                  {n.history.map((h, i) => (
                    <li key={i} data-action={h.action}>
                      {fmtDateTime(h.at)} · {nameOf(h.by)} · {tr(`w.detail.notice.act.${h.action}` as "w.detail.notice.act.draft")}
                      {h.comment ? `:${h.comment}` : ""}
                    </li>
                  ))}
                </ol>
              </section>
            </PrintSheet>
            <NoticeActions n={n} />
          </>
        );
      }}
    </Found>
  );
}
