import { can } from "@wuye/core/auth";
import type { ComponentChild } from "preact";
import { useEffect, useState } from "preact/hooks";
import { tr } from "../lib/i18n.ts";
import { match, navigate } from "../lib/router.ts";
import { logout } from "../lib/session.ts";
import { useProfile } from "../lib/profile.ts";
import { useStaffSession } from "../lib/use-session.ts";
import { InboxPanel } from "../ui/inbox.tsx";
import { LoginForm } from "../ui/login.tsx";
import { TopBar } from "../ui/shell.tsx";
import { DispatchBoardPage } from "./dispatch.tsx";
import { MyJobsPage } from "./jobs.tsx";
import { NewRequest } from "./new-request.tsx";
import { NoticePage } from "./notice-page.tsx";
import { Notices } from "./notices.tsx";
import { Register } from "./register.tsx";
import { RequestPage } from "./request-page.tsx";
import { CaseLibraryPage } from "./cases/index.tsx";
import { frontdeskPage } from "./frontdesk/index.tsx";
import { ConsoleNav } from "./nav.tsx";
import { OpenItemsPage } from "./ownership/open-items.tsx";
import { SettingsPage } from "./settings/index.tsx";
import { AuditPage } from "./manager/audit.tsx";
import { DeliveriesPage } from "./manager/deliveries.tsx";
import { MyNotificationsPage } from "./manager/my-notifications.tsx";
import { PlacesPage } from "./places/index.tsx";
import { PosterPage } from "./places/poster.tsx";
import { StaffPage } from "./staff/index.tsx";
import { ChangePasswordForm } from "../ui/password.tsx";

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

/** Keyboard shortcuts for agents on the phone: n new, / search, g r register, g d dispatch, ? help. */
function useShortcuts(openHelp: () => void) {
  useEffect(() => {
    let g = false;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) {
        if (e.key === "Escape" && typing(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (g) {
        g = false;
        const to = {
          r: "/console",
          m: "/console/mine",
          d: "/console/dispatch",
          n: "/console/notices",
          c: "/console/cases",
          s: "/console/settings",
        }[e.key];
        if (to) {
          e.preventDefault();
          navigate(to);
        }
        return;
      }
      if (e.key === "g") g = true;
      else if (e.key === "n") {
        e.preventDefault();
        navigate("/console/new");
      } else if (e.key === "/") {
        e.preventDefault();
        if (!location.pathname.match(/^\/console\/?$/)) navigate("/console");
        setTimeout(() => document.getElementById("search")?.focus(), 0);
      } else if (e.key === "?") openHelp();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
}

function ShortcutHelp({ onClose }: { onClose(): void }) {
  return (
    <dialog open id="shortcuts" aria-labelledby="shortcuts-title" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <h2 id="shortcuts-title">{tr("w.keys.title")}</h2>
      <dl class="kv">
        <dt>
          <kbd>n</kbd>
        </dt>
        <dd>{tr("w.keys.new")}</dd>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>{tr("w.keys.search")}</dd>
        <dt>
          <kbd>g</kbd> <kbd>r</kbd>
        </dt>
        <dd>{tr("w.console.nav.register")}</dd>
        <dt>
          <kbd>g</kbd> <kbd>m</kbd>
        </dt>
        <dd>{tr("w.console.nav.mine")}</dd>
        <dt>
          <kbd>g</kbd> <kbd>d</kbd>
        </dt>
        <dd>{tr("w.console.nav.dispatch")}</dd>
        <dt>
          <kbd>g</kbd> <kbd>n</kbd>
        </dt>
        <dd>{tr("w.console.nav.notices")}</dd>
        <dt>
          <kbd>g</kbd> <kbd>c</kbd>
        </dt>
        <dd>{tr("w.console.nav.cases")}</dd>
        <dt>
          <kbd>g</kbd> <kbd>s</kbd>
        </dt>
        <dd>{tr("w.console.nav.settings")}</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>{tr("w.keys.escape")}</dd>
      </dl>
      <button type="button" onClick={onClose} autoFocus>
        {tr("w.close")}
      </button>
    </dialog>
  );
}

/** The branch staff console: /console[/new | /r/{id} | /mine | /dispatch | /notices[/{id}] | /cases | /settings | /deliveries | /audit | /me/notifications]. */
export default function Console({ rest }: { rest: string }) {
  const session = useStaffSession();
  useProfile(session?.staff.branch);
  const [help, setHelp] = useState(false);
  useShortcuts(() => setHelp(true));
  if (!session || session.staff.mustChangePassword) {
    return (
      <>
        <TopBar title={tr("web.home.console")} />
        <LoginForm title={tr("web.login.title")} />
      </>
    );
  }
  if (!session.staff.branch) {
    return (
      <>
        <TopBar title={tr("web.home.console")} />
        <main class="page narrow">
          <p class="card">
            {tr("w.console.hqUser")} <a href="/hq">{tr("web.home.hq")}</a>
          </p>
          <button type="button" onClick={() => void logout()}>
            {tr("web.logout")}
          </button>
        </main>
      </>
    );
  }
  const role = session.staff.role;
  const path = rest || "/";
  const detail = match("/r/:id", path);
  const poster = match("/poster/:id", path);
  const notice = match("/notices/:id", path);
  if (poster) return <PosterPage id={poster.id!} />;
  const here = (p: string) => (path === p ? "page" : undefined);
  if (!can(role, "request.readAll")) return <TechnicianConsole path={path} detail={detail?.id ?? null} here={here} />;
  let page: ComponentChild;
  if (path === "/new") page = <NewRequest />;
  else if (detail) page = <RequestPage id={detail.id!} />;
  else if (path === "/dispatch") page = <DispatchBoardPage />;
  else if (path === "/notices") page = <Notices />;
  else if (notice && can(role, "notice.draft")) page = <NoticePage id={notice.id!} />;
  else if (path === "/mine") page = <OpenItemsPage />;
  else if (path === "/cases") page = <CaseLibraryPage />;
  else if (path === "/settings") page = <SettingsPage />;
  else if (path === "/deliveries") page = <DeliveriesPage />;
  else if (path === "/audit") page = <AuditPage />;
  else if (path === "/me/notifications") page = <MyNotificationsPage />;
  else if (path === "/staff" && can(role, "staff.manage")) page = <StaffPage />;
  else if (path === "/places" && can(role, "places.manage")) page = <PlacesPage />;
  else if (path === "/account") page = <ChangePasswordForm />;
  else page = frontdeskPage(path, role) ?? <Register />;
  return (
    <div class="console">
      <TopBar
        wide
        title={tr("web.home.console")}
        home="/console"
        nav={<ConsoleNav session={session} path={path} onHelp={() => setHelp(true)} />}
      />
      <div class="page layout">
        <main>{page}</main>
        <aside>
          <InboxPanel compact source={{ staff: true }} />
        </aside>
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

/**
 * A technician's console, on the phone: "my jobs" first, the job, the inbox as its own page; a header of one
 * line (SCREENS.md "Technician": no register, no complaints).
 */
function TechnicianConsole({ path, detail, here }: { path: string; detail: string | null; here(p: string): "page" | undefined }) {
  let page: ComponentChild;
  if (detail)
    page = (
      <>
        <p class="back">
          <a href="/console">← {tr("w.jobs.back")}</a>
        </p>
        <RequestPage id={detail} />
      </>
    );
  else if (path === "/inbox") page = <InboxPanel source={{ staff: true }} />;
  else page = <MyJobsPage />;
  return (
    <div class="console technician">
      <TopBar
        title={tr("w.jobs.title")}
        home="/console"
        nav={
          <>
            <a href="/console/inbox" aria-current={here("/inbox")} id="nav-inbox">
              {tr("w.inbox.page")}
            </a>
            <button type="button" class="ghost" id="logout" onClick={() => void logout()}>
              {tr("web.logout")}
            </button>
          </>
        }
      />
      <main class="page narrow">{page}</main>
    </div>
  );
}
