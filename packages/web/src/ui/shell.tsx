import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { currentLocale, setLocale, tr } from "../lib/i18n.ts";

export function LangSwitch() {
  return (
    <button
      type="button"
      id="lang"
      class="ghost"
      lang={currentLocale() === "en" ? "zh-CN" : "en"}
      onClick={() => setLocale(currentLocale() === "en" ? "zh-CN" : "en")}
    >
      {tr("web.lang.switch")}
    </button>
  );
}

/** The top bar of every area: title, the area's navigation, the language switch. */
export function TopBar({ title, home, nav, wide }: { title: ComponentChildren; home?: string; nav?: ComponentChildren; wide?: boolean }) {
  useEffect(() => {
    document.title = typeof title === "string" && title !== tr("app.name") ? `${title} · ${tr("app.name")}` : tr("app.name");
  }, [title]);
  return (
    <header class={`topbar${wide ? " wide" : ""}`}>
      <h1>{home ? <a href={home}>{title}</a> : title}</h1>
      <nav aria-label={tr("w.nav")}>{nav}</nav>
      <LangSwitch />
    </header>
  );
}
