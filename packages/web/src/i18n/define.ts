/**
 * A screen area's texts, one line per key with both languages side by side, so the two can never drift:
 * `defineTexts({ "w.staff.title": ["员工", "Staff"] })`. Each area keeps its own file under `areas/`.
 */
export function defineTexts<K extends string>(texts: Record<K, readonly [zhCN: string, en: string]>) {
  const zh = {} as Record<K, string>;
  const en = {} as Record<K, string>;
  for (const key of Object.keys(texts) as K[]) {
    zh[key] = texts[key][0];
    en[key] = texts[key][1];
  }
  return { zh, en };
}
