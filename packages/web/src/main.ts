import { currentLocale, el, setLocale, tr } from "./i18n.ts";
import { liveInbox } from "./inbox.ts";

// A small shell until the full portal, console and dashboard land (issue 8): home with live health,
// the staff console's live inbox, and a resident's live inbox after phone verification.
const app = document.getElementById("app")!;

async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(path, { ...init, headers: { "content-type": "application/json", "accept-language": currentLocale(), ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function field(id: string, label: string, type = "text") {
  const input = el("input", { id, name: id, type, required: "" });
  return { input, node: el("p", {}, el("label", { for: id }, label), " ", input) };
}

function header() {
  const toggle = el("button", { type: "button", id: "lang" }, tr("web.lang.switch"));
  toggle.onclick = () => {
    setLocale(currentLocale() === "en" ? "zh-CN" : "en");
    render();
  };
  return el("header", {}, el("h1", {}, tr("web.home.title")), toggle);
}

async function home() {
  const status = el("p", { id: "health" }, "…");
  app.append(status, el("nav", {}, el("a", { href: "/console" }, tr("web.home.console")), " · ", el("a", { href: "/b/yangguang/inbox" }, tr("web.home.portal"))));
  try {
    const { body } = await api("/api/v1/health");
    status.textContent = `${tr("web.health.title")}: ${body.status}`;
    status.dataset.status = body.status;
  } catch {
    status.dataset.status = "down";
  }
}

function consolePage() {
  const token = sessionStorage.getItem("staffToken");
  if (token) {
    const logout = el("button", { type: "button" }, tr("web.logout"));
    logout.onclick = () => {
      sessionStorage.removeItem("staffToken");
      render();
    };
    app.append(logout, liveInbox("/api/v1/console/inbox", token).node);
    return;
  }
  const email = field("email", tr("web.login.email"), "email");
  const password = field("password", tr("web.login.password"), "password");
  const message = el("p", { role: "alert" });
  const form = el("form", { "aria-labelledby": "login-title" }, el("h2", { id: "login-title" }, tr("web.login.title")), email.node, password.node, el("button", { type: "submit" }, tr("web.login.submit")), message);
  form.onsubmit = async (e) => {
    e.preventDefault();
    const res = await api("/api/v1/auth/login", { method: "POST", body: JSON.stringify({ email: email.input.value, password: password.input.value }) });
    if (res.status !== 200) {
      message.textContent = tr("web.login.failed", { reason: res.body?.title ?? res.status });
      return;
    }
    sessionStorage.setItem("staffToken", res.body.accessToken);
    render();
  };
  app.append(form);
}

function residentInbox(branch: string) {
  const key = `residentToken:${branch}`;
  const token = sessionStorage.getItem(key);
  if (token) {
    app.append(liveInbox(`/api/v1/public/branches/${branch}/my/inbox`, token).node);
    return;
  }
  const phone = field("phone", tr("web.verify.phone"), "tel");
  const code = field("code", tr("web.verify.code"));
  const message = el("p", { role: "status" });
  const send = el("button", { type: "button", id: "send-code" }, tr("web.verify.send"));
  send.onclick = async () => {
    const res = await api(`/api/v1/public/branches/${branch}/verify/start`, { method: "POST", body: JSON.stringify({ phone: phone.input.value }) });
    message.textContent = res.status === 202 ? tr("web.verify.sent") : tr("web.error", { reason: res.body?.detail ?? res.status });
  };
  const form = el("form", {}, el("h2", {}, tr("web.verify.title")), phone.node, send, code.node, el("button", { type: "submit" }, tr("web.verify.submit")), message);
  form.onsubmit = async (e) => {
    e.preventDefault();
    const res = await api(`/api/v1/public/branches/${branch}/verify/confirm`, { method: "POST", body: JSON.stringify({ phone: phone.input.value, code: code.input.value }) });
    if (res.status !== 200) {
      message.textContent = tr("web.error", { reason: res.body?.detail ?? res.status });
      return;
    }
    sessionStorage.setItem(key, res.body.token);
    render();
  };
  app.append(form);
}

function render() {
  document.documentElement.lang = currentLocale();
  app.replaceChildren(header());
  const path = location.pathname;
  const portal = /^\/b\/([a-z0-9-]+)\/inbox$/.exec(path);
  if (path === "/console") consolePage();
  else if (portal) residentInbox(portal[1]!);
  else void home();
}
render();
