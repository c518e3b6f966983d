import type { NoticeAudience } from "@wuye/core";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { refs, requireOwnReferences } from "../http/references.ts";

/** Audience ids must be the branch's own communities and buildings. */
export function checkAudience(c: Context<HonoEnv>, audience: NoticeAudience | undefined): Promise<void> {
  return requireOwnReferences(
    c,
    refs("community", "audience.communityIds", audience?.communityIds),
    refs("building", "audience.buildingIds", audience?.buildingIds),
  );
}
