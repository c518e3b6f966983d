import { CATALOG, type Locale, type MessageKey } from "@wuye/core/i18n";

let locale: Locale = localStorage.getItem("locale") === "en" ? "en" : "zh-CN";

export const currentLocale = () => locale;
export function setLocale(next: Locale) {
  locale = next;
  localStorage.setItem("locale", next);
  document.documentElement.lang = next;
}
export function tr(key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOG[locale][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Creates an element with text (never HTML: nothing from the API is parsed as markup). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
