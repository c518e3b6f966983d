// Test-only fault injection for the fault tests (test/faults/deadlines-consumer-throws.test.ts).
// `FAULT_FAIL_EVERY=n` makes the consumer throw on every n-th message it handles, alternately before its
// work (nothing written) and after it (facts written, the message still retried). The test stack sets it
// in `.dev.vars`; it is never set in a deployed environment, and it is ignored when ENVIRONMENT is
// production even if someone sets it there.

export class InjectedFault extends Error {}

/** Messages handled by this isolate (the fault switch counts across batches). */
let handled = 0;

export type FaultPhase = "before" | "after" | null;

/** Where (if at all) the next message should fail: null in production or when the switch is off. */
export function nextFault(vars: { ENVIRONMENT: string; FAULT_FAIL_EVERY?: number | undefined }): FaultPhase {
  const every = vars.FAULT_FAIL_EVERY;
  if (!every || vars.ENVIRONMENT === "production") return null;
  const n = ++handled;
  if (n % every !== 0) return null;
  return (n / every) % 2 === 1 ? "before" : "after";
}
