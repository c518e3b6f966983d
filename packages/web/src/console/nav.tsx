import { type Action, can, type Role } from "@wuye/core/auth";
import { term, tr, type TextKey } from "../lib/i18n.ts";
import { logout, type StaffSession } from "../lib/session.ts";
import { NavMenu } from "../ui/menu.tsx";

interface Entry {
  href: string;
  label: TextKey;
  need?: Action;
  /** Console paths (under /console) this entry stands for; its own path when absent. */
  paths?: string[];
}

/** Whether the console path is one of `prefixes` or a page under one of them ("/" stands for itself alone). */
const within = (path: string, ...prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

/** The day's work, always in view. */
const EVERYDAY: Entry[] = [
  { href: "/console", label: "w.console.nav.register", paths: ["/"] },
  { href: "/console/new", label: "w.console.nav.new" },
  { href: "/console/mine", label: "w.console.nav.mine" },
  { href: "/console/dispatch", label: "w.console.nav.dispatch", need: "workOrder.dispatch" },
  { href: "/console/notices", label: "w.console.nav.notices", need: "notice.draft" },
  { href: "/console/visitors", label: "w.fd.nav.frontDesk", need: "visitor.register", paths: ["/visitors", "/handovers", "/duty-log"] },
  { href: "/console/residents", label: "w.fd.nav.residents", need: "request.readResident" },
  { href: "/console/cases", label: "w.console.nav.cases" },
];
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

/** Whether the open console path is the entry's page or one under it. */
const isAt = (e: Entry, path: string) => within(path, ...(e.paths ?? [e.href.slice("/console".length)]));

function Links({ entries, path }: { entries: Entry[]; path: string }) {
  return (
    <>
      {entries.map((e) => (
        <a key={e.href} href={e.href} aria-current={isAt(e, path) ? "page" : undefined}>
          {tr(e.label)}
        </a>
      ))}
    </>
  );
}
const isOpen = (entries: Entry[], path: string) => entries.some((e) => isAt(e, path));

/**
 * The branch console's top navigation: the day's work as links, the set-up and supervision pages under "管理" (a
 * plain link when the role has only one of them), the person's role, own pages and the shortcut help under their
 * name, then sign-out.
 */
export function ConsoleNav({ session, path, onHelp }: { session: StaffSession; path: string; onHelp(): void }) {
  const role: Role = session.staff.role;
  const mayOpen = (entries: Entry[]) => entries.filter((e) => !e.need || can(role, e.need));
  const manage = mayOpen(MANAGE);
  return (
    <>
      <Links entries={mayOpen(EVERYDAY)} path={path} />
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
