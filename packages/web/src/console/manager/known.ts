/** A code the API may extend: its text when we have one, else the code itself. */
export function known<C extends string>(codes: readonly C[], code: string, text: (c: C) => string): string {
  const c = codes.find((x) => x === code);
  return c ? text(c) : code;
}
