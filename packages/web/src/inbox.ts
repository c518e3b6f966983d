import { currentLocale, el, tr } from "./i18n.ts";

interface InboxItem {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
}

/**
 * Live inbox: polls with If-None-Match every few seconds; the API answers 304 until something changes
 * (see workers/api/src/http/inbox-view.ts for why polling rather than Server-Sent Events).
 */
export function liveInbox(url: string, token: string, intervalMs = 3000): { node: HTMLElement; stop(): void } {
  const count = el("p", { id: "inbox-unread", "aria-live": "polite" }, "…");
  const list = el("ul", { id: "inbox-items" });
  const node = el("section", { "aria-labelledby": "inbox-title" }, el("h2", { id: "inbox-title" }, tr("web.inbox.title")), el("p", { class: "hint" }, tr("web.inbox.live")), count, list);
  let etag: string | null = null;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...(etag ? { "if-none-match": etag } : {}) } });
      if (res.status === 200) {
        etag = res.headers.get("etag");
        const body = (await res.json()) as { unread: number; items: InboxItem[] };
        count.textContent = tr("web.inbox.unread", { n: body.unread });
        count.dataset.unread = String(body.unread);
        list.replaceChildren(...(body.items.length ? body.items.map((i) => el("li", { "data-id": i.id, class: i.read ? "read" : "unread" }, el("strong", {}, i.title), el("p", {}, i.body), el("time", { datetime: i.createdAt }, new Date(i.createdAt).toLocaleString(currentLocale())))) : [el("li", {}, tr("web.inbox.empty"))]));
      } else if (res.status !== 304) {
        count.textContent = tr("web.error", { reason: String(res.status) });
      }
    } catch (err) {
      count.textContent = tr("web.error", { reason: String(err) });
    }
    if (!stopped) setTimeout(tick, intervalMs);
  };
  void tick();
  return { node, stop: () => (stopped = true) };
}
