import { CATALOG, type Locale, type MessageKey } from "@wuye/core/i18n";

// Placeholder shell until the portal/console/dashboard screens land (issue 8): shows the system status.
const stored = localStorage.getItem("locale");
let locale: Locale = stored === "en" ? "en" : "zh-CN";
const tr = (key: MessageKey) => CATALOG[locale][key];

async function render() {
  document.documentElement.lang = locale;
  const app = document.getElementById("app")!;
  app.innerHTML = "";
  const h1 = document.createElement("h1");
  h1.textContent = tr("web.home.title");
  const status = document.createElement("p");
  status.id = "health";
  status.textContent = "…";
  const toggle = document.createElement("button");
  toggle.textContent = tr("web.lang.switch");
  toggle.onclick = () => {
    locale = locale === "en" ? "zh-CN" : "en";
    localStorage.setItem("locale", locale);
    void render();
  };
  app.append(h1, status, toggle);
  try {
    const res = await fetch("/api/v1/health");
    const body = (await res.json()) as { status: string };
    status.textContent = `${tr("web.health.title")}: ${body.status}`;
    status.dataset.status = body.status;
  } catch {
    status.textContent = `${tr("web.health.title")}: down`;
    status.dataset.status = "down";
  }
}
void render();
