import { TextField } from "../../ui/kit.tsx";

/** One whole-number setting: its element id (the e2e journeys find it by it), label, bounds and error. */
export interface NumberSetting {
  id: string;
  label: string;
  value: string;
  onValue(v: string): void;
  error: string | undefined;
  min?: number;
  max?: number;
  hint?: string;
}

/** A row of whole-number settings, each with the numeric keypad on a phone. */
export function NumberFields({ fields }: { fields: NumberSetting[] }) {
  return (
    <>
      {fields.map(({ id, ...f }) => (
        <TextField key={id} id={id} type="number" inputMode="numeric" {...f} />
      ))}
    </>
  );
}
