import { type Action, can, type Role } from "@wuye/core/auth";
import type { ComponentChild } from "preact";
import { tr } from "../../lib/i18n.ts";
import { match } from "../../lib/router.ts";
import { DutyLogPage } from "./duty-log.tsx";
import "../../ui/frontdesk.css";
import { ForumPage } from "./forum.tsx";
import { HandoverPage } from "./handover-page.tsx";
import { HandoversPage } from "./handovers.tsx";
import { MeetingPage } from "./meeting-page.tsx";
import { ResidentRecordPage, ResidentsPage } from "./residents.tsx";
import { SubNav } from "./shared.tsx";
import { SurveysPage } from "./surveys.tsx";
import { VisitorSlipPage } from "./visitor-slip.tsx";
import { VisitorsPage } from "./visitors.tsx";

const DESK = [
  { href: "/console/visitors", label: "w.fd.nav.visitors", need: "visitor.register" },
  { href: "/console/handovers", label: "w.fd.nav.handovers", need: "handover.write" },
  { href: "/console/duty-log", label: "w.fd.nav.dutyLog", need: "handover.write" },
] as const;
const FEEDBACK = [
  { href: "/console/surveys", label: "w.fd.nav.surveys", need: "survey.manage" },
  { href: "/console/forum", label: "w.fd.nav.forum", need: "survey.manage" },
] as const;
const PAGES: Record<string, () => ComponentChild> = {
  "/visitors": () => <VisitorsPage />,
  "/handovers": () => <HandoversPage />,
  "/duty-log": () => <DutyLogPage />,
  "/surveys": () => <SurveysPage />,
  "/forum": () => <ForumPage />,
};
/** One object's page under its list, needing what the list needs. */
const DETAILS: Array<{ pattern: string; list: string; page(id: string): ComponentChild }> = [
  { pattern: "/visitors/:id", list: "/visitors", page: (id) => <VisitorSlipPage id={id} /> },
  { pattern: "/handovers/:id", list: "/handovers", page: (id) => <HandoverPage id={id} /> },
  { pattern: "/forum/:id", list: "/forum", page: (id) => <MeetingPage id={id} /> },
];
const NEEDS: Record<string, Action> = Object.fromEntries([...DESK, ...FEEDBACK].map((i) => [i.href.slice(8), i.need]));

/** The front-desk, resident-record, survey and forum screens for a console path, or null when the path is not one of them. */
export function frontdeskPage(path: string, role: Role): ComponentChild | null {
  const record = match("/residents/:id", path);
  if (path === "/residents" || record) {
    if (!can(role, "request.readResident")) return <NotYours />;
    return record ? <ResidentRecordPage id={record.id!} /> : <ResidentsPage />;
  }
  const one = DETAILS.map((d) => ({ list: d.list, params: match(d.pattern, path), page: d.page })).find((d) => d.params);
  const list = one?.list ?? path;
  const page = one ? () => one.page(one.params!.id!) : PAGES[path];
  if (!page) return null;
  if (!can(role, NEEDS[list]!)) return <NotYours />;
  const group = DESK.some((i) => i.href.endsWith(list)) ? DESK : FEEDBACK;
  return (
    <>
      <SubNav here={`/console${list}`} items={group.map((i) => ({ href: i.href, label: i.label, show: can(role, i.need) }))} />
      {page()}
    </>
  );
}

function NotYours() {
  return (
    <p class="card" role="alert">
      {tr("w.fd.notYours")}
    </p>
  );
}
