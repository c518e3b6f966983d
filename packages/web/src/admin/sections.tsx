import type { ComponentType } from "preact";
import type { TextKey } from "../lib/i18n.ts";
import { BranchesPage } from "./branches.tsx";
import { UsersPage } from "./users.tsx";

/**
 * The /admin screens, in nav order: each a path under /admin, its nav label and its page. A new screen
 * (e.g. head-office and region users) is one entry here.
 */
export interface AdminSection {
  path: string;
  label: TextKey;
  page: ComponentType<{ rest: string }>;
}

export const ADMIN_SECTIONS: AdminSection[] = [
  { path: "/branches", label: "w.admin.nav.branches", page: BranchesPage },
  { path: "/users", label: "w.users.nav", page: UsersPage },
];
