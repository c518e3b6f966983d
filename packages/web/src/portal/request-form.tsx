import { CreateRequestInputSchema, type RequestKind } from "@wuye/core/request";
import { useMemo, useState } from "preact/hooks";
import type { BranchProfile } from "../api/types.ts";
import { answer, api, idempotencyKey } from "../lib/api.ts";
import { errorAt, type FieldErrors, serverErrors, validate } from "../lib/form.ts";
import { currentLocale, term, tr } from "../lib/i18n.ts";
import { navigate } from "../lib/router.ts";
import { uploadPortalPhoto } from "../lib/uploads.ts";
import { Card, ErrorBox, Select, TextField } from "../ui/kit.tsx";
import { MAX_PHOTOS, PhotoUpload, type PhotoUploads } from "../ui/photo-upload.tsx";
import { AreaField, CategorySelect, ContactFields, DescriptionField, UnitSelect } from "../ui/request-fields.tsx";
import { PORTAL_KINDS } from "./home.tsx";
import { rememberCode } from "./recent.ts";

const EMERGENCY_NUMBER: Partial<Record<RequestKind, string>> = { medical: "120", security: "110", disaster: "119" };

/** The commitments that apply to this kind and urgency: what the branch promises before the resident submits. */
export function promisesFor(profile: BranchProfile, kind: RequestKind, urgent: boolean) {
  return profile.commitments.filter((c) => c.kinds.includes(kind) && (c.urgency === null || c.urgency === (urgent ? "urgent" : "normal")));
}

/** A QR poster's place (扫码报修): the location is filled in and the request records the channel `qr`. */
export interface PosterPlace {
  id: string;
  name: string;
  communityId: string;
  communityName: string;
}

export function RequestForm({
  branch,
  profile,
  kind: kindParam,
  place,
}: {
  branch: string;
  profile: BranchProfile;
  kind: string;
  place?: PosterPlace;
}) {
  const [kind, setKind] = useState<RequestKind | "">(
    (PORTAL_KINDS as readonly string[]).includes(kindParam) ? (kindParam as RequestKind) : "",
  );
  const [category, setCategory] = useState("");
  const [description, setDescription] = useState("");
  const [where, setWhere] = useState<"unit" | "area">(place ? "area" : "unit");
  const [communityId, setCommunityId] = useState(place?.communityId ?? profile.communities[0]?.id ?? "");
  const [unitId, setUnitId] = useState("");
  const [area, setArea] = useState(place?.name ?? "");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [appt, setAppt] = useState({ from: "", to: "" });
  const [keyLeft, setKeyLeft] = useState(false);
  const [photos, setPhotos] = useState<PhotoUploads>({ ids: [], busy: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [idemKey] = useState(idempotencyKey);

  const categories = profile.categories.filter((c) => c.kind === kind);
  const chosen = categories.find((c) => c.code === category);
  const urgent = chosen?.urgent ?? false;
  const promises = useMemo(() => (kind ? promisesFor(profile, kind, urgent) : []), [profile, kind, urgent]);
  const community = profile.communities.find((c) => c.id === communityId);

  async function submit(e: Event) {
    e.preventDefault();
    if (!kind) return setErrors({ kind: tr("w.form.required") });
    if (photos.busy) return setErrors({ photos: tr("w.photo.wait") });
    const toIso = (v: string) => (v ? new Date(v).toISOString() : "");
    const body = {
      kind,
      ...(category ? { category } : {}),
      description,
      contact: { name, phone },
      location:
        where === "unit"
          ? { unitId }
          : place && area === place.name
            ? { area, placeId: place.id }
            : { area, ...(communityId ? { communityId } : {}) },
      ...(place ? { channel: "qr" as const } : {}),
      ...(kind === "repair" && (appt.from || appt.to) ? { appointment: { from: toIso(appt.from), to: toIso(appt.to) } } : {}),
      ...(kind === "repair" ? { keyLeft } : {}),
      ...(photos.ids.length ? { attachmentIds: photos.ids } : {}),
      locale: currentLocale(),
    };
    const local: FieldErrors = {};
    if (where === "unit" && !unitId) local.location = tr("w.form.required");
    if (where === "area" && !area.trim()) local.location = tr("w.form.required");
    const v = validate(CreateRequestInputSchema, body);
    const all = { ...(v.ok ? {} : v.errors), ...local };
    if (Object.keys(all).length) {
      setErrors(all);
      (document.querySelector(".field.invalid input, .field.invalid select, .field.invalid textarea") as HTMLElement | null)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { data } = await answer(
        api.public.branches[":branch"].requests.$post({ param: { branch }, header: { "idempotency-key": idemKey }, json: body }),
      );
      rememberCode(branch, { code: data.trackingCode, kind, at: new Date().toISOString() });
      navigate(`/b/${branch}/t/${data.trackingCode}?new=1`);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) => errorAt(errors, path);

  if (!kind) {
    return (
      <Card title={tr("w.portal.ask")}>
        <div class="kind-grid">
          {PORTAL_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              class={`kind-tile${EMERGENCY_NUMBER[k] ? " alarm" : ""}`}
              data-kind={k}
              onClick={() => setKind(k)}
            >
              {term("kind", k)}
            </button>
          ))}
        </div>
      </Card>
    );
  }

  return (
    <form class="card request-form" onSubmit={submit} noValidate aria-labelledby="form-title">
      <h2 id="form-title">
        {term("kind", kind)}{" "}
        <button type="button" class="link" onClick={() => setKind("")}>
          {tr("w.form.changeKind")}
        </button>
      </h2>
      {EMERGENCY_NUMBER[kind] && (
        <p class="alarm-banner" role="alert">
          {tr("w.portal.emergency", { number: EMERGENCY_NUMBER[kind]!, phone: profile.servicePhone })}
        </p>
      )}
      <p class="hint">{tr(`w.portal.guide.${kind}` as "w.portal.guide.repair")}</p>

      {categories.length > 0 && <CategorySelect categories={categories} value={category} onValue={setCategory} error={err("category")} />}
      <DescriptionField
        value={description}
        onValue={setDescription}
        error={err("description")}
        placeholder={tr(`w.portal.placeholder.${kind === "repair" ? "repair" : "other"}`)}
      />

      <fieldset>
        <legend>{tr("w.form.where")}</legend>
        <label class="radio">
          <input type="radio" name="where" checked={where === "unit"} onChange={() => setWhere("unit")} /> {tr("w.form.myUnit")}
        </label>
        <label class="radio">
          <input type="radio" name="where" id="where-area" checked={where === "area"} onChange={() => setWhere("area")} />{" "}
          {tr("w.form.publicArea")}
        </label>
        {profile.communities.length > 1 && (
          <Select
            id="community"
            label={tr("w.form.community")}
            value={communityId}
            onValue={(v) => {
              setCommunityId(v);
              setUnitId("");
            }}
            options={profile.communities.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        {where === "unit" ? (
          <UnitSelect
            units={community?.units ?? []}
            value={unitId}
            onValue={setUnitId}
            placeholder={tr("w.form.choose")}
            error={err("location")}
          />
        ) : (
          <AreaField value={area} onValue={setArea} error={err("location")} placeholder={tr("w.form.areaExample")} />
        )}
      </fieldset>

      <ContactFields name={name} phone={phone} onName={setName} onPhone={setPhone} error={err} own />

      {kind === "repair" && !urgent && (
        <fieldset>
          <legend>{tr("w.form.appointment")}</legend>
          <div class="row">
            {(["from", "to"] as const).map((end) => (
              <TextField
                key={end}
                id={`appt-${end}`}
                label={tr(`w.form.${end}`)}
                type="datetime-local"
                value={appt[end]}
                onValue={(v) => setAppt((a) => ({ ...a, [end]: v }))}
                error={err(`appointment.${end}`) ?? (end === "to" ? err("appointment") : undefined)}
              />
            ))}
          </div>
        </fieldset>
      )}
      {kind === "repair" && (
        <label class="check">
          <input type="checkbox" id="key-left" checked={keyLeft} onChange={(e) => setKeyLeft(e.currentTarget.checked)} />{" "}
          {tr("w.form.keyLeft")}
        </label>
      )}

      <PhotoUpload
        id="photos"
        label={tr("w.photo.label", { n: MAX_PHOTOS })}
        hint={tr("w.photo.hint")}
        error={err("photos") ?? err("attachmentIds")}
        upload={(blob) => uploadPortalPhoto(branch, blob)}
        onChange={setPhotos}
      />

      <aside class="promise" id="promise" aria-live="polite">
        <h3>{tr("w.promise.title")}</h3>
        {kind === "repair" && !category ? (
          <p class="hint">{tr("w.promise.pickCategory")}</p>
        ) : promises.length ? (
          <ul>
            {promises.map((p, i) => (
              <li key={i} data-milestone={p.milestone}>
                {p.text}
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{tr("w.promise.none")}</p>
        )}
        {urgent && <p class="badge bad">{tr("w.promise.urgent")}</p>}
      </aside>

      <ErrorBox error={errors["(body)"] ?? null} />
      <button type="submit" class="primary big" disabled={busy}>
        {busy ? tr("w.form.sending") : tr("w.form.submit")}
      </button>
    </form>
  );
}
