import { type ComponentType, render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { answer, api } from "./lib/api.ts";
import { currentLocale, onLocaleChange, tr } from "./lib/i18n.ts";
import { useQuery } from "./lib/query.ts";
import { useLocation } from "./lib/router.ts";
import { Loading } from "./ui/kit.tsx";
import { TopBar } from "./ui/shell.tsx";
import "./styles.css";

/** A route's module, loaded on first visit: the portal never downloads the console or the dashboard. */
function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<unknown> | null = null;
  return (props: P) => {
    const [, set] = useState(0);
    useEffect(() => {
      if (loaded) return;
      pending ??= load().then((m) => (loaded = m.default));
      void pending.then(() => set(1));
    }, []);
    const C = loaded;
    return C ? <C {...props} /> : <Loading />;
  };
}

const Portal = lazy(() => import("./portal/index.tsx"));
const Console = lazy(() => import("./console/index.tsx"));
const Hq = lazy(() => import("./hq/index.tsx"));
const Invite = lazy<{ token: string }>(() => import("./ui/password.tsx").then((m) => ({ default: m.InvitePage })));
const Forgot = lazy<object>(() => import("./ui/password.tsx").then((m) => ({ default: m.ForgotPage })));
const Admin = lazy(() => import("./admin/index.tsx"));

function Home() {
  const health = useQuery("health", () => answer(api.health.$get()), { pollMs: 10_000 });
  const status = health.data?.status ?? (health.error ? "down" : undefined);
  return (
    <>
      <TopBar title={tr("web.home.title")} />
      <main class="page">
        <p id="health" data-status={status}>
          {tr("web.health.title")}: {status ? tr(status === "ok" ? "w.health.ok" : "w.health.degraded") : "…"}
        </p>
        <nav class="home-links">
          <a class="tile" href="/b/yangguang">
            {tr("web.home.portal")}
          </a>
          <a class="tile" href="/console">
            {tr("web.home.console")}
          </a>
          <a class="tile" href="/hq">
            {tr("web.home.hq")}
          </a>
        </nav>
      </main>
    </>
  );
}

function App() {
  const [, tick] = useState(0);
  useEffect(() => onLocaleChange(() => tick((n) => n + 1)), []);
  const { path } = useLocation();
  const portal = /^\/b\/([a-z0-9][a-z0-9-]{1,40})(\/.*)?$/.exec(path);
  if (portal) return <Portal branch={portal[1]!} rest={portal[2] ?? ""} />;
  if (path === "/console" || path.startsWith("/console/")) return <Console rest={path.slice("/console".length)} />;
  if (path === "/hq" || path.startsWith("/hq/")) return <Hq rest={path.slice("/hq".length)} />;
  const invite = /^\/invite\/([\w-]{20,200})$/.exec(path);
  if (invite) return <Invite token={invite[1]!} />;
  if (path === "/forgot") return <Forgot />;
  if (path === "/admin" || path.startsWith("/admin/")) return <Admin rest={path.slice("/admin".length)} />;
  return <Home />;
}

document.documentElement.lang = currentLocale();
render(<App />, document.getElementById("app")!);
