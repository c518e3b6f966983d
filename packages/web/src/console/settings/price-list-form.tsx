import type { PriceItem } from "@wuye/core/branch";
import { useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { tr } from "../../lib/i18n.ts";
import { ErrorBox } from "../../ui/kit.tsx";
import { fen, useSettingsSave, yuanText } from "./save.ts";

/** One price item as typed: prices in yuan (text), stored in fen. */
interface Row {
  key: number;
  code: string;
  zh: string;
  en: string;
  unit: string;
  labour: string;
  material: string;
  skill: string;
}
let nextKey = 0;
const rowOf = (p?: SettingsView["priceList"][number]): Row => ({
  key: ++nextKey,
  code: p?.code ?? "",
  zh: p?.name["zh-CN"] ?? "",
  en: p?.name.en ?? "",
  unit: p?.unit ?? "",
  labour: p ? yuanText(p.labourFen) : "",
  material: p ? yuanText(p.materialFen) : "",
  skill: p?.skill ?? "",
});
const itemOf = (r: Row): PriceItem =>
  ({
    code: r.code.trim(),
    name: { "zh-CN": r.zh.trim(), en: r.en.trim() },
    unit: r.unit.trim(),
    labourFen: fen(r.labour),
    materialFen: fen(r.material) ?? 0,
    ...(r.skill.trim() ? { skill: r.skill.trim() } : {}),
  }) as PriceItem;

type Col = { field: keyof Omit<Row, "key">; path: string; label: string; type?: "number"; width?: string };
const columns = (): Col[] => [
  { field: "code", path: "code", label: tr("w.price.code"), width: "7rem" },
  { field: "zh", path: "name.zh-CN", label: tr("w.price.nameZh"), width: "7.5rem" },
  { field: "en", path: "name.en", label: tr("w.price.nameEn"), width: "8rem" },
  { field: "unit", path: "unit", label: tr("w.price.unit"), width: "3.2rem" },
  { field: "labour", path: "labourFen", label: tr("w.price.yuan", { label: tr("w.price.labour") }), type: "number", width: "5rem" },
  { field: "material", path: "materialFen", label: tr("w.price.yuan", { label: tr("w.price.material") }), type: "number", width: "5rem" },
  { field: "skill", path: "skill", label: tr("w.price.skill"), width: "6rem" },
];

/** The published price list (《维修项目收费标准》), edited as a table: one row per item, errors under each cell. */
export function PriceListForm({ s, onSaved }: { s: SettingsView; onSaved(message: string, stale?: boolean): void }) {
  const [rows, setRows] = useState<Row[]>(() => s.priceList.map(rowOf));
  const { form, errors, busy, save } = useSettingsSave(s.version, onSaved);
  const cols = columns();
  const skills = [...new Set(s.priceList.map((p) => p.skill).filter(Boolean))] as string[];
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function add() {
    const row = rowOf();
    setRows((rs) => [...rs, row]);
    requestAnimationFrame(() => document.getElementById(`price-${row.key}-code`)?.focus());
  }
  function submit(e: Event) {
    e.preventDefault();
    void save({ priceList: rows.map(itemOf) });
  }

  const listError = errors.priceList ?? errors["(body)"] ?? null;
  return (
    <form ref={form} id="price-list-form" onSubmit={submit} noValidate>
      <p class="hint" id="price-hint">
        {tr("w.price.codeHint")}
      </p>
      <div class="table-wrap">
        <table class="edit-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c.field} scope="col" class={c.type === "number" ? "num" : undefined}>
                  {c.label}
                </th>
              ))}
              <th scope="col">
                <span class="sr-only">{tr("w.price.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const itemName = r.zh || r.code || String(i + 1);
              return (
                <tr key={r.key} data-code={r.code}>
                  {cols.map((c) => {
                    const id = `price-${r.key}-${c.field}`;
                    const error =
                      errors[`priceList.${i}.${c.path}`] ?? (c.path === "name.zh-CN" ? errors[`priceList.${i}.name`] : undefined);
                    return (
                      <td key={c.field}>
                        <input
                          id={id}
                          style={{ minWidth: c.width }}
                          value={r[c.field]}
                          onInput={(e) => update(r.key, { [c.field]: e.currentTarget.value })}
                          aria-label={`${c.label} · ${itemName}`}
                          aria-invalid={error ? "true" : undefined}
                          aria-describedby={error ? `${id}-err` : c.field === "code" ? "price-hint" : undefined}
                          {...(c.type === "number" ? { type: "number", inputMode: "decimal", step: "0.01", min: "0", class: "num" } : {})}
                          {...(c.field === "skill" ? { list: "price-skills" } : {})}
                        />
                        {error && (
                          <small id={`${id}-err`} class="error">
                            {error}
                          </small>
                        )}
                      </td>
                    );
                  })}
                  <td>
                    <button
                      type="button"
                      class="small ghost"
                      aria-label={tr("w.price.removeItem", { name: itemName })}
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    >
                      {tr("w.price.remove")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <datalist id="price-skills">
        {skills.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <ErrorBox error={listError} />
      <div class="actions">
        <button type="button" id="price-add" onClick={add}>
          {tr("w.price.add")}
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? tr("w.settings.saving") : tr("w.settings.save")}
        </button>
      </div>
    </form>
  );
}
