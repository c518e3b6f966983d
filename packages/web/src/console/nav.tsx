import { type Action, can, type Role } from "@wuye/core/auth";
import { term, tr, type TextKey } from "../lib/i18n.ts";
import { logout, type StaffSession } from "../lib/session.ts";
import { NavMenu } from "../ui/menu.tsx";
import { FrontdeskNav, within } from "./frontdesk/index.tsx";

interface Entry {
  href: string;
  label: TextKey;
  need?: Action;
  /** Console paths (under /console) this entry stands for; its own path when absent. */
  paths?: string[];
}

/** The set-up and supervision pages, in the order a manager thinks of them: the branch's set-up, then what to watch. */
const MANAGE: Entry[] = [
  { href: "/console/settings", label: "w.console.nav.settings" },
  { href: "/console/places", label: "w.places.nav", need: "places.manage" },
  { href: "/console/staff", label: "w.staff.nav", need: "staff.manage" },
  { href: "/console/surveys", label: "w.fd.nav.feedback", need: "survey.manage", paths: ["/surveys", "/forum"] },
  { href: "/console/deliveries", label: "w.manager.nav.deliveries", need: "deliveries.retry" },
  { href: "/console/audit", label: "w.manager.nav.audit", need: "audit.read" },
];
/** What concerns the signed-in person alone, under their name. */
const MINE: Entry[] = [
  { href: "/console/me/notifications", label: "w.manager.nav.myNotifications" },
  { href: "/console/account", label: "w.account.title" },
];

function Links({ entries, path }: { entries: Entry[]; path: string }) {
  return (
    <>
      {entries.map((e) => (
        <a key={e.href} href={e.href} aria-current={within(path, ...(e.paths ?? [e.href.slice(8)])) ? "page" : undefined}>
          {tr(e.label)}
        </a>
      ))}
    </>
  );
}
const isOpen = (entries: Entry[], path: string) => entries.some((e) => within(path, ...(e.paths ?? [e.href.slice(8)])));

/**
 * The branch console's top navigation: the day's work as links, the set-up and supervision pages under "管理" (a
 * plain link when the role has only one of them), the person's role, own pages and the shortcut help under their
 * name, then sign-out.
 */
export function ConsoleNav({ session, path, notice, onHelp }: { session: StaffSession; path: string; notice: boolean; onHelp(): void }) {
  const role: Role = session.staff.role;
  const here = (p: string) => (path === p ? "page" : undefined);
  const manage = MANAGE.filter((e) => !e.need || can(role, e.need));
  return (
    <>
      <a href="/console" aria-current={here("/")}>
        {tr("w.console.nav.register")}
      </a>
      <a href="/console/new" aria-current={here("/new")}>
        {tr("w.console.nav.new")}
      </a>
      <a href="/console/mine" aria-current={here("/mine")}>
        {tr("w.console.nav.mine")}
      </a>
      {can(role, "workOrder.dispatch") && (
        <a href="/console/dispatch" aria-current={here("/dispatch")}>
          {tr("w.console.nav.dispatch")}
        </a>
      )}
      {can(role, "notice.draft") && (
        <a href="/console/notices" aria-current={here("/notices") ?? (notice ? "page" : undefined)}>
          {tr("w.console.nav.notices")}
        </a>
      )}
      <FrontdeskNav role={role} path={path} />
      <a href="/console/cases" aria-current={here("/cases")}>
        {tr("w.console.nav.cases")}
      </a>
      {manage.length > 1 ? (
        <NavMenu id="nav-manage" label={tr("w.manager.nav.manage")} current={isOpen(manage, path)}>
          <Links entries={manage} path={path} />
        </NavMenu>
      ) : (
        <Links entries={manage} path={path} />
      )}
      <span class="nav-end">
        <NavMenu id="whoami" label={session.staff.name} current={isOpen(MINE, path)}>
          <span class="hint">{term("role", role)}</span>
          <Links entries={MINE} path={path} />
          <button type="button" class="ghost" onClick={onHelp}>
            {tr("w.keys.title")} <kbd>?</kbd>
          </button>
        </NavMenu>
        <button type="button" class="ghost" id="logout" onClick={() => void logout()}>
          {tr("web.logout")}
        </button>
      </span>
    </>
  );
}
