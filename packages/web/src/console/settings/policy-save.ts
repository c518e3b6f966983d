import { type DeadlinePolicy, DeadlinePolicyInputSchema } from "@wuye/core/deadline";
import type { PolicyView } from "../../api/types.ts";
import { answer, refine } from "../../lib/api.ts";
import { setQueryData } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { useVersionedSave } from "./save.ts";

export type PolicyInput = Omit<DeadlinePolicy, "version">;
export const POLICY_KEY = "settings:policy";

/** `PUT /console/settings/policy`: the whole policy, If-Match on the settings version. */
export function usePolicySave(version: number, onSaved: (message: string, stale?: boolean) => void) {
  return useVersionedSave(
    DeadlinePolicyInputSchema,
    async (json, match) => {
      const { data, etag } = await answer(staffApi.console.settings.policy.$put({ header: { "if-match": match }, json })).then(
        refine<PolicyView>(),
      );
      setQueryData(POLICY_KEY, data, etag);
      return data;
    },
    version,
    onSaved,
  );
}

export const policyInput = (p: DeadlinePolicy): PolicyInput => {
  const { version: _v, ...rest } = p;
  return rest;
};
