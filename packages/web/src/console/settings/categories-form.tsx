import { REQUEST_KINDS, type Category } from "@wuye/core/request";
import { useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { currentLocale, term, tr } from "../../lib/i18n.ts";
import { ErrorBox } from "../../ui/kit.tsx";
import { useSettingsSave } from "./save.ts";

interface Row {
  key: number;
  existing: boolean;
  code: string;
  kind: Category["kind"];
  zh: string;
  en: string;
  urgent: boolean;
  skill: string;
}
let nextKey = 0;
const rowOf = (c: SettingsView["categories"][number]): Row => ({
  key: ++nextKey,
  existing: true,
  code: c.code,
  kind: c.kind as Category["kind"],
  zh: c.name["zh-CN"] ?? "",
  en: c.name.en ?? "",
  urgent: c.urgent,
  skill: c.skill ?? "",
});
const categoryOf = (r: Row): Category => ({
  code: r.code.trim(),
  kind: r.kind,
  name: { "zh-CN": r.zh.trim(), en: r.en.trim() },
  urgent: r.urgent,
  ...(r.skill ? { skill: r.skill } : {}),
});

/** Request categories: add one, rename (zh and en), flag it urgent, and name the skill its repairs need. Codes stay. */
export function CategoriesForm({ s, onSaved }: { s: SettingsView; onSaved(message: string, stale?: boolean): void }) {
  const [rows, setRows] = useState<Row[]>(() => s.categories.map(rowOf));
  const { form, errors, busy, save } = useSettingsSave(s.version, onSaved);
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const skillName = (code: string) => {
    const k = s.skills.find((x) => x.code === code);
    return k ? (currentLocale() === "en" ? k.name.en : k.name.zh) : code;
  };
  function add() {
    const row: Row = { key: ++nextKey, existing: false, code: "", kind: "repair", zh: "", en: "", urgent: false, skill: "" };
    setRows((rs) => [...rs, row]);
    requestAnimationFrame(() => document.getElementById(`cat-${row.key}-code`)?.focus());
  }
  const err = (i: number, f: string) => errors[`categories.${i}.${f}`];
  return (
    <form
      ref={form}
      id="categories-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ categories: rows.map(categoryOf) });
      }}
      noValidate
    >
      <div class="table-wrap">
        <table class="edit-table">
          <thead>
            <tr>
              <th scope="col">{tr("w.price.code")}</th>
              <th scope="col">{tr("w.reg.kind")}</th>
              <th scope="col">{tr("w.price.nameZh")}</th>
              <th scope="col">{tr("w.price.nameEn")}</th>
              <th scope="col">{term("urgency", "urgent")}</th>
              <th scope="col">{tr("w.price.skill")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key} data-category={r.code}>
                <td>
                  {r.existing ? (
                    <code class="plain-code">{r.code}</code>
                  ) : (
                    <input
                      id={`cat-${r.key}-code`}
                      aria-label={tr("w.price.code")}
                      value={r.code}
                      aria-invalid={err(i, "code") ? "true" : undefined}
                      onInput={(e) => update(r.key, { code: e.currentTarget.value })}
                    />
                  )}
                  {err(i, "code") && <small class="error">{err(i, "code")}</small>}
                </td>
                <td>
                  {r.existing ? (
                    term("kind", r.kind)
                  ) : (
                    <select
                      aria-label={tr("w.reg.kind")}
                      value={r.kind}
                      onChange={(e) => update(r.key, { kind: e.currentTarget.value as Row["kind"] })}
                    >
                      {REQUEST_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {term("kind", k)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                {(["zh", "en"] as const).map((f) => (
                  <td key={f}>
                    <input
                      aria-label={`${r.code} ${tr(f === "zh" ? "w.price.nameZh" : "w.price.nameEn")}`}
                      data-field={f}
                      value={r[f]}
                      aria-invalid={err(i, f === "zh" ? "name.zh-CN" : "name.en") ? "true" : undefined}
                      onInput={(e) => update(r.key, { [f]: e.currentTarget.value })}
                    />
                    {err(i, f === "zh" ? "name.zh-CN" : "name.en") && (
                      <small class="error">{err(i, f === "zh" ? "name.zh-CN" : "name.en")}</small>
                    )}
                  </td>
                ))}
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${r.code} ${term("urgency", "urgent")}`}
                    data-field="urgent"
                    checked={r.urgent}
                    onChange={(e) => update(r.key, { urgent: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${r.code} ${tr("w.price.skill")}`}
                    data-field="skill"
                    value={r.skill}
                    onChange={(e) => update(r.key, { skill: e.currentTarget.value })}
                  >
                    <option value="">—</option>
                    {[...new Set([...s.skills.map((k) => k.code), ...(r.skill ? [r.skill] : [])])].map((code) => (
                      <option key={code} value={code}>
                        {skillName(code)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" class="secondary small" onClick={add} id="category-add">
        {tr("w.manager.addCategory")}
      </button>
      <ErrorBox error={errors.categories ?? errors["(body)"] ?? null} />
      <button type="submit" class="primary" disabled={busy} id="categories-save">
        {busy ? tr("w.settings.saving") : tr("w.manager.saveCategories")}
      </button>
    </form>
  );
}
