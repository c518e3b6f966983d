import { type BranchSettingsPatch, BranchSettingsPatchSchema } from "@wuye/core/branch";
import { useRef, useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { answer, ApiError, ifMatch, refine } from "../../lib/api.ts";
import { type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { tr } from "../../lib/i18n.ts";
import { invalidate, setQueryData } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";

export const SETTINGS_KEY = "settings:lists";

export const loadSettings = () => answer(staffApi.console.settings.$get()).then(refine<SettingsView>());

/**
 * Saving one part of the settings: validated with the schema the API validates `PATCH /console/settings` with,
 * sent with If-Match on the version that was read. On success the answer becomes the cached settings; on 412
 * (someone saved meanwhile) the latest settings are fetched and `onStale` says so. On any error the first
 * invalid field gets the focus.
 */
export function useSettingsSave(version: number, onSaved: (message: string) => void) {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const focusFirstError = () => requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  async function save(patch: BranchSettingsPatch) {
    const v = validate(BranchSettingsPatchSchema, patch);
    if (!v.ok) {
      setErrors(v.errors);
      focusFirstError();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { data, etag } = await answer(
        staffApi.console.settings.$patch({ header: { "if-match": ifMatch(version) }, json: v.data }),
      ).then(refine<SettingsView>());
      setQueryData(SETTINGS_KEY, data, etag);
      invalidate("profile:");
      onSaved(tr("w.settings.saved", { v: data.version }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        onSaved(tr("w.settings.stale"));
        invalidate(SETTINGS_KEY);
      } else {
        setErrors(serverErrors(err));
        focusFirstError();
      }
    } finally {
      setBusy(false);
    }
  }
  return { form, errors, busy, save };
}

/** Yuan as typed ("12.5") → fen (1250); empty or not a number → undefined, which the schema calls missing. */
export function fen(yuanText: string): number | undefined {
  if (!yuanText.trim()) return undefined;
  const n = Number(yuanText);
  return Number.isFinite(n) ? Math.round(n * 100) : undefined;
}
export const yuanText = (f: number | undefined) => (f === undefined ? "" : (f / 100).toFixed(2));

/** "5" → 5, "" → undefined (missing), for whole-number fields. */
export const intOf = (text: string) => (text.trim() === "" ? undefined : Number(text));
