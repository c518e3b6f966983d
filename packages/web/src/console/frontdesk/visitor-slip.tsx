import { answer } from "../../lib/api.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Found } from "../../ui/found.tsx";
import { Badge, ErrorBox } from "../../ui/kit.tsx";
import { PrintSheet } from "../../ui/print.tsx";
import { useColleagues } from "../ownership/colleagues.ts";
import { useAction, usePlaces } from "./shared.tsx";
import { MarkOut } from "./visitors.tsx";

/** 访客登记单 (/console/visitors/{id}): the paper slip the desk hands out; the ID masked, no resident's phone. */
export function VisitorSlipPage({ id }: { id: string }) {
  const q = useQuery(`visitors:one:${id}`, () => answer(staffApi.console.visitors[":id"].$get({ param: { id } })));
  const { unitLabel, profile } = usePlaces();
  const { fullNameOf } = useColleagues();
  const out = useAction();
  return (
    <Found q={q} back={{ href: "/console/visitors", label: tr("w.detail.back.visitors") }}>
      {(v) => (
        <PrintSheet
          id="visitor-slip"
          base={`/console/visitors/${v.id}`}
          data={{ "data-visitor": v.id, "data-on-site": String(!v.outAt) }}
          heading={
            <h2>
              {profile.data?.name} · {tr("w.detail.visitor.title")}{" "}
              {v.outAt ? (
                <Badge tone="muted">{tr("w.detail.visitor.left")}</Badge>
              ) : (
                <Badge tone="warn">{tr("w.detail.visitor.onSite")}</Badge>
              )}
            </h2>
          }
        >
          <dl class="kv slip">
            <dt>{tr("w.fd.visitors.name")}</dt>
            <dd id="slip-name">{v.name}</dd>
            <dt>{tr("w.fd.visitors.id")}</dt>
            <dd>
              {tr(`w.fd.idType.${v.idType}`)}{" "}
              <span class="mono" id="slip-id">
                {v.idNumber}
              </span>
            </dd>
            <dt>{tr("w.fd.visitors.host")}</dt>
            <dd id="slip-host">{unitLabel(v.hostUnitId)}</dd>
            <dt>{tr("w.fd.visitors.called")}</dt>
            <dd>
              {v.hostContacted ? (
                <>
                  <Badge tone="ok">{tr("w.fd.visitors.calledYes")}</Badge> {v.contactedBy && fullNameOf(v.contactedBy)}
                </>
              ) : (
                <Badge tone="warn">{tr("w.fd.visitors.calledNo")}</Badge>
              )}
            </dd>
            {v.purpose && (
              <>
                <dt>{tr("w.fd.visitors.purpose")}</dt>
                <dd>{v.purpose}</dd>
              </>
            )}
            <dt>{tr("w.fd.visitors.in")}</dt>
            <dd id="slip-in">
              {fmtDateTime(v.inAt)} {v.night && <Badge tone="info">{tr("w.detail.visitor.nightRule")}</Badge>}
            </dd>
            <dt>{tr("w.fd.visitors.out")}</dt>
            <dd id="slip-out">
              {v.outAt ? (
                fmtDateTime(v.outAt)
              ) : (
                <span class="no-print">
                  <MarkOut id={v.id} act={out} />
                </span>
              )}
            </dd>
            <dt>{tr("w.fd.visitors.by")}</dt>
            <dd id="slip-by" data-role={v.registeredRole}>
              {fullNameOf(v.registeredBy)}
            </dd>
          </dl>
          <ErrorBox error={out.error} />
          <p class="hint">{tr("w.detail.visitor.noPhone")}</p>
        </PrintSheet>
      )}
    </Found>
  );
}
