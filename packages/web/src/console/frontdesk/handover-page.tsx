import { answer } from "../../lib/api.ts";
import { fmtDateTime, type TextKey, tr } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Found } from "../../ui/found.tsx";
import { Badge } from "../../ui/kit.tsx";
import { PrintSheet } from "../../ui/print.tsx";
import { useColleagues } from "../ownership/colleagues.ts";
import { EditHandover, type Handover, handoverRights, STATUS_TONE, SignHandover } from "./handovers.tsx";

const SECTIONS: Array<{ source: Handover["items"][number]["source"]; title: TextKey }> = [
  { source: "request", title: "w.detail.handover.requests" },
  { source: "milestone", title: "w.detail.handover.milestones" },
  { source: "note", title: "w.detail.handover.notes" },
];

/** 交接班记录 (/console/handovers/{id}): open items, overdue milestones, notes and the signature; printable, signed here too. */
export function HandoverPage({ id }: { id: string }) {
  const q = useQuery(`handovers:one:${id}`, () => answer(staffApi.console.handovers[":id"].$get({ param: { id } })), { pollMs: 30_000 });
  const { fullNameOf } = useColleagues();
  return (
    <Found q={q} back={{ href: "/console/handovers", label: tr("w.detail.back.handovers") }}>
      {(h) => {
        const { editable, signable } = handoverRights(h);
        return (
          <>
            <PrintSheet
              id="handover-page"
              base={`/console/handovers/${h.id}`}
              data={{ "data-handover": h.id, "data-status": h.status, "data-flagged": String(h.flagged) }}
              heading={
                <h2>
                  {tr("w.detail.handover.title")} · {tr(`handover.shift.${h.shift as "day"}`)}{" "}
                  <Badge tone={STATUS_TONE[h.status]}>{tr(`w.fd.handover.status.${h.status}`)}</Badge>{" "}
                  {h.flagged && <Badge tone="bad">{tr("w.fd.handover.flagged", { n: h.unsignedItems })}</Badge>}
                </h2>
              }
            >
              <dl class="kv">
                <dt>{tr("w.detail.handover.writtenBy")}</dt>
                <dd>{fullNameOf(h.writtenBy)}</dd>
                <dt>{tr("w.detail.handover.writtenAt")}</dt>
                <dd>{fmtDateTime(h.createdAt)}</dd>
                <dt>{tr("w.detail.handover.signature")}</dt>
                <dd id="handover-signature">
                  {h.signedBy
                    ? `${tr("w.fd.handover.signedBy", { who: fullNameOf(h.signedBy), at: fmtDateTime(h.signedAt) })}${h.signNote ? ` · ${h.signNote}` : ""}`
                    : tr("w.detail.handover.unsigned")}
                </dd>
              </dl>
              {h.notes && (
                <section>
                  <h3>{tr("w.fd.handover.notes")}</h3>
                  <p class="pre">{h.notes}</p>
                </section>
              )}
              {SECTIONS.map(({ source, title }) => {
                const items = h.items.filter((i) => i.source === source);
                return (
                  items.length > 0 && (
                    <section key={source} data-section={source}>
                      <h3>
                        {tr(title)} ({items.length})
                      </h3>
                      <ul class="plain list">
                        {items.map((i) => (
                          <li key={i.id} data-item={i.id} data-taken={String(!!i.signedAt)}>
                            {h.signedAt && (
                              <Badge tone={i.signedAt ? "ok" : "bad"}>
                                {i.signedAt ? tr("w.detail.handover.taken") : tr("w.detail.handover.notTaken")}
                              </Badge>
                            )}{" "}
                            {source === "request" && i.refId ? <a href={`/console/r/${i.refId}`}>{i.text}</a> : i.text}
                          </li>
                        ))}
                      </ul>
                    </section>
                  )
                );
              })}
              {!h.items.length && <p class="hint">{tr("w.fd.handover.noItems")}</p>}
            </PrintSheet>
            {(editable || signable) && (
              <section class="card no-print" id="handover-act">
                {editable ? <EditHandover h={h} /> : <SignHandover h={h} />}
              </section>
            )}
          </>
        );
      }}
    </Found>
  );
}
