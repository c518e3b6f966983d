import type { FieldErrors } from "../../lib/form.ts";
import { tr } from "../../lib/i18n.ts";
import { TextField } from "../../ui/kit.tsx";

export type TimeRange = { from: string; to: string };

/** The settings that are two times of day, with the ids of their fields and their labels. */
const RANGES = {
  nightShift: { id: "night", from: "w.settings.nightFrom", to: "w.settings.nightTo" },
  quietHours: { id: "quiet", from: "w.manager.quietFrom", to: "w.manager.quietTo" },
} as const;

/**
 * One of the settings that are two times of day, from and to (the night shift, the quiet hours): fields
 * `<id>-from` and `<id>-to`, each with the error the API names under `<part>.from` / `<part>.to`. Laid out by the
 * form's own row.
 */
export function TimeRangeFields({
  part,
  value,
  onValue,
  errors,
}: {
  part: keyof typeof RANGES;
  value: TimeRange;
  onValue(next: TimeRange): void;
  errors: FieldErrors;
}) {
  const range = RANGES[part];
  return (
    <>
      {(["from", "to"] as const).map((end) => (
        <TextField
          key={end}
          id={`${range.id}-${end}`}
          label={tr(range[end])}
          type="time"
          value={value[end]}
          onValue={(v) => onValue({ ...value, [end]: v })}
          error={errors[`${part}.${end}`]}
        />
      ))}
    </>
  );
}
