import { RegionInputSchema } from "@wuye/core/organization";
import { useState } from "preact/hooks";
import { answer } from "../lib/api.ts";
import { errorText, validate } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";
import { staffApi } from "../lib/session.ts";
import { Card, ErrorBox } from "../ui/kit.tsx";
import { type RegionItem, refreshAdmin } from "./queries.ts";

/** Regions (片区): add, rename in place, delete an empty one. */
export function RegionsCard({ regions }: { regions: RegionItem[] }) {
  const [name, setName] = useState("");
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      refreshAdmin();
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    }
  };
  const named = (value: string) => {
    const checked = validate(RegionInputSchema, { name: value });
    if (!checked.ok) setError(checked.errors.name ?? null);
    return checked.ok ? checked.data : null;
  };
  return (
    <Card title={tr("w.admin.regions")} id="regions">
      <ul class="plain-list">
        {regions.map((r) => (
          <li key={r.id} data-region={r.name}>
            {editing?.id === r.id ? (
              <form
                class="inline"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const json = named(editing.name);
                  if (json && (await run(() => answer(staffApi.admin.regions[":id"].rename.$post({ param: { id: r.id }, json })))))
                    setEditing(null);
                }}
              >
                <input
                  aria-label={tr("w.admin.region.name")}
                  value={editing.name}
                  onInput={(e) => setEditing({ id: r.id, name: e.currentTarget.value })}
                />
                <button type="submit">{tr("w.admin.save")}</button>
              </form>
            ) : (
              <>
                <strong>{r.name}</strong> <span class="hint">{tr("w.admin.region.branches", { n: r.branches })}</span>
                <span class="row-actions">
                  <button type="button" class="link" onClick={() => setEditing({ id: r.id, name: r.name })}>
                    {tr("w.admin.region.rename")}
                  </button>
                  <button
                    type="button"
                    class="link"
                    title={tr("w.admin.region.deleteHint")}
                    onClick={() => void run(() => staffApi.admin.regions[":id"].$delete({ param: { id: r.id } }))}
                  >
                    {tr("w.admin.region.delete")}
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <form
        class="inline"
        onSubmit={async (e) => {
          e.preventDefault();
          const json = named(name);
          if (json && (await run(() => answer(staffApi.admin.regions.$post({ json }))))) setName("");
        }}
      >
        <input
          id="region-name"
          aria-label={tr("w.admin.region.name")}
          placeholder={tr("w.admin.region.name")}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit">{tr("w.admin.region.add")}</button>
      </form>
      <ErrorBox error={error} />
    </Card>
  );
}
