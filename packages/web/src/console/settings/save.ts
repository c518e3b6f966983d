import { type BranchSettingsPatch, BranchSettingsPatchSchema } from "@wuye/core/branch";
import { useRef, useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { answer, ApiError, ifMatch, refine } from "../../lib/api.ts";
import { type FieldErrors, type Schema, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { invalidate, setQueryData } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";

/** Every settings query key starts with this: one settings version covers the policy, the lists and the channels. */
export const SETTINGS_PREFIX = "settings:";
export const SETTINGS_KEY = "settings:lists";

export const loadSettings = () => answer(staffApi.console.settings.$get()).then(refine<SettingsView>());

/** What a 412 says about the change that won: who saved which version, and when (the API adds these to the problem). */
export function staleMessage(err: ApiError): string {
  const p: Record<string, unknown> = err.problem ?? {};
  const by = typeof p.changedBy === "string" ? p.changedBy : null;
  const at = typeof p.changedAt === "string" ? p.changedAt : null;
  const v = typeof p.actual === "number" ? p.actual : "?";
  return by ? tr("w.manager.staleBy", { name: by, at: fmtDateTime(at), v }) : tr("w.settings.stale");
}

/**
 * Saving one part of the settings: validated with the schema the API validates with, sent with If-Match on the
 * version that was read. On success the settings queries are refreshed; on 412 (someone saved meanwhile) `onSaved`
 * says whose change won and the latest settings are fetched. On any other error the first invalid field gets focus.
 */
export function useVersionedSave<I>(
  schema: Schema<I>,
  send: (data: I, ifMatch: string) => Promise<{ version: number }>,
  version: number,
  onSaved: (message: string, stale?: boolean) => void,
) {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const focusFirstError = () => requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  async function save(input: unknown) {
    const v = validate(schema, input);
    if (!v.ok) {
      setErrors(v.errors);
      focusFirstError();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await send(v.data, ifMatch(version));
      invalidate(SETTINGS_PREFIX);
      invalidate("profile:");
      onSaved(tr("w.settings.saved", { v: saved.version }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        onSaved(staleMessage(err), true);
        invalidate(SETTINGS_PREFIX);
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

/** `PATCH /console/settings` for one part of the lists (price list, categories, skills, rules). */
export function useSettingsSave(version: number, onSaved: (message: string, stale?: boolean) => void) {
  const { save, ...rest } = useVersionedSave(
    BranchSettingsPatchSchema,
    async (json, match) => {
      const { data, etag } = await answer(staffApi.console.settings.$patch({ header: { "if-match": match }, json })).then(
        refine<SettingsView>(),
      );
      setQueryData(SETTINGS_KEY, data, etag);
      return data;
    },
    version,
    onSaved,
  );
  return { ...rest, save: (patch: BranchSettingsPatch) => save(patch) };
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
