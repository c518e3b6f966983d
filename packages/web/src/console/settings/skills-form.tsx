import { useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { tr } from "../../lib/i18n.ts";
import { ErrorBox } from "../../ui/kit.tsx";
import { useSettingsSave } from "./save.ts";

interface Row {
  key: number;
  /** Stored skills keep their code: staff records, categories and prices refer to it. */
  existing: boolean;
  code: string;
  zh: string;
  en: string;
}
let nextKey = 0;

/** Technician skills (技能): a code that staff records, categories and the price list name, with its zh and en names. */
export function SkillsForm({ s, onSaved }: { s: SettingsView; onSaved(message: string, stale?: boolean): void }) {
  const [rows, setRows] = useState<Row[]>(() =>
    s.skills.map((k) => ({ key: ++nextKey, existing: true, code: k.code, zh: k.name.zh, en: k.name.en })),
  );
  const { form, errors, busy, save } = useSettingsSave(s.version, onSaved);
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const fields = [
    ["code", "w.price.code", "code"],
    ["zh", "w.price.nameZh", "name.zh"],
    ["en", "w.price.nameEn", "name.en"],
  ] as const;
  function add() {
    const row = { key: ++nextKey, existing: false, code: "", zh: "", en: "" };
    setRows((rs) => [...rs, row]);
    requestAnimationFrame(() => document.getElementById(`skill-${row.key}-code`)?.focus());
  }
  return (
    <form
      ref={form}
      id="skills-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ skills: rows.map((r) => ({ code: r.code.trim(), name: { zh: r.zh.trim(), en: r.en.trim() } })) });
      }}
      noValidate
    >
      <div class="table-wrap">
        <table class="edit-table">
          <thead>
            <tr>
              {fields.map(([f, label]) => (
                <th key={f} scope="col">
                  {tr(label)}
                </th>
              ))}
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key} data-skill={r.code}>
                {fields.map(([f, label, path]) => (
                  <td key={f}>
                    {f === "code" && r.existing ? (
                      <code class="plain-code">{r.code}</code>
                    ) : (
                      <input
                        id={`skill-${r.key}-${f}`}
                        aria-label={tr(label)}
                        data-field={f}
                        value={r[f]}
                        aria-invalid={errors[`skills.${i}.${path}`] ? "true" : undefined}
                        onInput={(e) => update(r.key, { [f]: e.currentTarget.value })}
                      />
                    )}
                    {errors[`skills.${i}.${path}`] && <small class="error">{errors[`skills.${i}.${path}`]}</small>}
                  </td>
                ))}
                <td>
                  <button type="button" class="link" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                    {tr("w.manager.remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" class="secondary small" onClick={add} id="skill-add">
        {tr("w.manager.addSkill")}
      </button>
      <ErrorBox error={errors.skills ?? errors["(body)"] ?? null} />
      <button type="submit" class="primary" disabled={busy} id="skills-save">
        {busy ? tr("w.settings.saving") : tr("w.manager.saveSkills")}
      </button>
    </form>
  );
}
