import { tr } from "../lib/i18n.ts";
import { navigate } from "../lib/router.ts";
import { useStaffSession } from "../lib/use-session.ts";
import { ErrorBox } from "../ui/kit.tsx";
import { LoginForm } from "../ui/login.tsx";
import { TopBar } from "../ui/shell.tsx";
import { SignedInAs } from "../ui/signed-in.tsx";
import { ADMIN_SECTIONS } from "./sections.tsx";

/** The organization administrator's screens (集团管理), desk PC: /admin/{section}. */
export default function Admin({ rest }: { rest: string }) {
  const session = useStaffSession();
  if (!session) {
    return (
      <>
        <TopBar title={tr("w.admin.title")} />
        <LoginForm title={tr("w.admin.login")} />
      </>
    );
  }
  const section = ADMIN_SECTIONS.find((s) => rest === s.path || rest.startsWith(`${s.path}/`));
  if (!section) {
    navigate(`/admin${ADMIN_SECTIONS[0]!.path}`, { replace: true });
    return null;
  }
  const Page = section.page;
  return (
    <div class="admin">
      <TopBar
        wide
        title={tr("w.admin.title")}
        home="/admin"
        nav={
          <>
            {ADMIN_SECTIONS.map((s) => (
              <a key={s.path} href={`/admin${s.path}`} aria-current={s === section ? "page" : undefined}>
                {tr(s.label)}
              </a>
            ))}
            <SignedInAs session={session} />
          </>
        }
      />
      <main class="page" id="admin">
        {session.staff.role === "orgAdmin" ? <Page rest={rest.slice(section.path.length)} /> : <ErrorBox error={tr("w.admin.notAdmin")} />}
      </main>
    </div>
  );
}
