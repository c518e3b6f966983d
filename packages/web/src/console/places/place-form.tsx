import {
  BuildingInputSchema,
  BuildingPatchSchema,
  CommunityInputSchema,
  CommunityPatchSchema,
  PUBLIC_AREA_KINDS,
  type PlaceKind,
  type PublicAreaKind,
  PublicAreaInputSchema,
  PublicAreaPatchSchema,
  UnitInputSchema,
  UnitPatchSchema,
} from "@wuye/core/places";
import { useState } from "preact/hooks";
import { answer, type Output } from "../../lib/api.ts";
import { oneOf, type Schema } from "../../lib/form.ts";
import { type TextKey, tr } from "../../lib/i18n.ts";
import { useSave } from "../../lib/save.ts";
import { staffApi } from "../../lib/session.ts";
import { ErrorBox, Select, TextField } from "../../ui/kit.tsx";

export type Places = Output<(typeof staffApi)["console"]["places"]["$get"]>;
export const PLACES_KEY = "places";
export const loadPlaces = () => answer(staffApi.console.places.$get());

/** Any place as the list shows it: what a form reads its first values from. */
export interface Place {
  id: string;
  version: number;
  name?: string;
  communityId?: string;
  buildingId?: string | null;
  kind?: string;
  entrance?: string | null;
  number?: string;
  area?: number | null;
}

/** The schemas the API checks a new place and a change with, per kind: the form checks with the same ones. */
const SCHEMAS: Record<PlaceKind, { create: Schema<unknown>; patch: Schema<unknown> }> = {
  communities: { create: CommunityInputSchema, patch: CommunityPatchSchema },
  buildings: { create: BuildingInputSchema, patch: BuildingPatchSchema },
  units: { create: UnitInputSchema, patch: UnitPatchSchema },
  "public-areas": { create: PublicAreaInputSchema, patch: PublicAreaPatchSchema },
};

type Values = {
  name: string;
  communityId: string;
  buildingId: string;
  kind: PublicAreaKind;
  entrance: string;
  number: string;
  area: string;
};

const valuesOf = (p: Partial<Place>): Values => ({
  name: p.name ?? "",
  communityId: p.communityId ?? "",
  buildingId: p.buildingId ?? "",
  kind: oneOf(PUBLIC_AREA_KINDS, p.kind ?? "", "lobby"),
  entrance: p.entrance ?? "",
  number: p.number ?? "",
  area: p.area == null ? "" : String(p.area),
});

/** The body for the API: a change sends what the form edits (cleared fields as null); a new place names its parent. */
function inputOf(kind: PlaceKind, v: Values, edit: boolean): Record<string, unknown> {
  if (kind === "communities") return { name: v.name };
  if (kind === "buildings") return edit ? { name: v.name } : { communityId: v.communityId, name: v.name };
  if (kind === "public-areas") return { ...(edit ? {} : { communityId: v.communityId }), kind: v.kind, name: v.name };
  const entrance = v.entrance.trim();
  // "" is no area; anything else must be a number, or the schema says so on the field.
  const area = v.area.trim() === "" ? null : Number(v.area.trim());
  if (edit) return { number: v.number, entrance: entrance || null, area };
  return { buildingId: v.buildingId, number: v.number, ...(entrance ? { entrance } : {}), ...(area === null ? {} : { area }) };
}

/** Fields each kind shows, so an error on any other path is shown over the form. */
const FIELDS: Record<PlaceKind, string[]> = {
  communities: ["name"],
  buildings: ["communityId", "name"],
  units: ["buildingId", "entrance", "number", "area"],
  "public-areas": ["communityId", "kind", "name"],
};

interface Props {
  kind: PlaceKind;
  places: Places;
  /** The place changed (its version goes in If-Match); none: a new place, `defaults` naming its parent. */
  place?: Place | undefined;
  defaults?: Partial<Place>;
  /** The form's id; its fields are `<id>-name`, `<id>-number`… */
  id: string;
  onDone?(): void;
  onCancel?(): void;
}

/**
 * One form for a new place and a change to one, for every kind: a community (name), a building (community, name),
 * a public area (community, kind, name) and a unit (building, 单元, 房号, 面积). A change keeps the parent and sends
 * If-Match with the version shown; a stale save says so and the form takes the latest values.
 */
export function PlaceForm({ kind, places, place, defaults = {}, id, onDone, onCancel }: Props) {
  const edit = !!place;
  const [v, setValues] = useState<Values>(() => valuesOf(place ?? defaults));
  const set = (k: keyof Values) => (value: string) => setValues((old) => ({ ...old, [k]: value }));
  const { errors, setErrors, busy, save, unplaced } = useSave({
    refresh: PLACES_KEY,
    staleText: tr("w.places.stale"),
    current: place,
    reset: (latest) => setValues(valuesOf(latest)),
  });
  async function submit(e: Event) {
    e.preventDefault();
    // A typed area that is no number ("九十") is named as such, not as missing.
    if (kind === "units" && v.area.trim() && !Number.isFinite(Number(v.area.trim()))) return setErrors({ area: tr("w.places.notArea") });
    const p = staffApi.console.places;
    const ok = await save(SCHEMAS[kind][edit ? "patch" : "create"], inputOf(kind, v, edit), (json, version) =>
      place
        ? answer(p[kind][":id"].$patch({ param: { id: place.id }, header: { "if-match": version }, json: json as never }))
        : answer(p[kind].$post({ json: json as never })),
    );
    if (ok && !edit) setValues((old) => ({ ...old, name: "", number: "", entrance: old.entrance, area: "" }));
    if (ok) onDone?.();
  }
  const text = (k: "name" | "entrance" | "number" | "area", more: { maxLength?: number; inputMode?: "decimal" }) => (
    <TextField id={`${id}-${k}`} label={tr(`w.places.${k}`)} value={v[k]} onValue={set(k)} error={errors[k]} {...more} />
  );
  const title = tr(`w.places.${edit ? "edit" : "add"}.${kind}` as TextKey);
  const communities = places.communities.map((c) => ({ value: c.id, label: c.name }));
  const buildings = places.buildings.map((b) => ({
    value: b.id,
    label: `${places.communities.find((c) => c.id === b.communityId)?.name ?? ""} · ${b.name}`,
  }));
  return (
    <form
      class={onCancel ? "place-form inline" : "card place-form"}
      id={id}
      data-kind={kind}
      onSubmit={submit}
      noValidate
      aria-label={title}
    >
      {!onCancel && <h3>{title}</h3>}
      {!edit && (kind === "buildings" || kind === "public-areas") && (
        <Select
          id={`${id}-community`}
          label={tr("w.places.community")}
          value={v.communityId}
          onValue={set("communityId")}
          options={communities}
          error={errors.communityId}
        />
      )}
      {!edit && kind === "units" && (
        <Select
          id={`${id}-building`}
          label={tr("w.places.building")}
          value={v.buildingId}
          onValue={set("buildingId")}
          options={buildings}
          error={errors.buildingId}
        />
      )}
      {kind === "public-areas" && (
        <Select
          id={`${id}-kind`}
          label={tr("w.places.kind")}
          value={v.kind}
          onValue={set("kind")}
          options={PUBLIC_AREA_KINDS.map((k) => ({ value: k, label: tr(`w.places.kind.${k}` as TextKey) }))}
        />
      )}
      {kind === "units" ? (
        <>
          {text("entrance", { maxLength: 20 })}
          {text("number", { maxLength: 20 })}
          {text("area", { inputMode: "decimal" })}
        </>
      ) : (
        text("name", { maxLength: 60 })
      )}
      <div class="form-buttons">
        <button type="submit" class={edit ? "primary" : "secondary"} disabled={busy}>
          {edit ? tr("w.places.save") : title}
        </button>
        {onCancel && (
          <button type="button" class="ghost" onClick={onCancel}>
            {tr("w.places.cancel")}
          </button>
        )}
      </div>
      <ErrorBox error={unplaced(FIELDS[kind])} />
    </form>
  );
}
