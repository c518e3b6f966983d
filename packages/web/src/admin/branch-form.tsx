import { BranchCreateSchema } from "@wuye/core/organization";
import { useState } from "preact/hooks";
import { answer } from "../lib/api.ts";
import { type FieldErrors, serverErrors, validate } from "../lib/form.ts";
import { type TextKey, tr } from "../lib/i18n.ts";
import { staffApi } from "../lib/session.ts";
import { Card, ErrorBox, Select, TextField } from "../ui/kit.tsx";
import { type RegionItem, type Notice, refreshAdmin } from "./queries.ts";

type FieldName = keyof typeof BranchCreateSchema.shape;
/** The form's fields are the schema's own, in its order: a field added to the schema appears here. */
const FIELDS = Object.keys(BranchCreateSchema.shape) as FieldName[];
const HINTS: Partial<Record<FieldName, TextKey>> = { slug: "w.admin.field.slug.hint", trackingPrefix: "w.admin.field.trackingPrefix.hint" };
const INITIAL: Record<FieldName, string> = {
  slug: "",
  name: "",
  nameEn: "",
  trackingPrefix: "",
  servicePhone: "",
  complaintPhone: "",
  timeZone: "Asia/Shanghai",
  regionId: "",
};

/** Create a branch (its database is provisioned by the API), validated with the API's own schema. */
export function BranchForm({ regions, onCreated }: { regions: RegionItem[]; onCreated(id: string, message: Notice): void }) {
  const [values, setValues] = useState(INITIAL);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const input = () => ({ ...values, regionId: values.regionId || null });
  async function submit(e: Event) {
    e.preventDefault();
    const checked = validate(BranchCreateSchema, input());
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const { data } = await answer(staffApi.admin.branches.$post({ json: checked.data }));
      refreshAdmin();
      setValues(INITIAL);
      onCreated(data.id, { key: "w.admin.branch.created", params: { name: data.name, url: `/b/${data.slug}` } });
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const set = (k: FieldName) => (v: string) => {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors(({ [k]: _, ...rest }) => rest); // an edited field's old error goes
  };
  return (
    <Card title={tr("w.admin.branch.new")} id="branch-form">
      <form class="form-grid" onSubmit={submit} noValidate>
        {FIELDS.map((k) =>
          k === "regionId" ? (
            <Select
              key={k}
              id={`branch-${k}`}
              label={tr(`w.admin.field.${k}`)}
              value={values[k]}
              onValue={set(k)}
              error={errors[k]}
              placeholder={tr("w.admin.region.none")}
              options={regions.map((r) => ({ value: r.id, label: r.name }))}
            />
          ) : (
            <TextField
              key={k}
              id={`branch-${k}`}
              label={tr(`w.admin.field.${k}`)}
              hint={HINTS[k] && tr(HINTS[k])}
              value={values[k]}
              onValue={set(k)}
              error={errors[k]}
              inputMode={k.endsWith("Phone") ? "tel" : "text"}
            />
          ),
        )}
        <div class="form-actions">
          <button type="submit" disabled={busy}>
            {tr("w.admin.branch.create")}
          </button>
        </div>
      </form>
      <ErrorBox error={errors["(body)"]} />
    </Card>
  );
}
