CREATE TABLE `public_areas` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`community_id` text NOT NULL,
	`building_id` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `public_areas_branch_idx` ON `public_areas` (`branch_id`,`community_id`);--> statement-breakpoint
CREATE TABLE `staff_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tokens_token_hash_unique` ON `staff_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `staff_tokens_staff_idx` ON `staff_tokens` (`staff_id`,`purpose`);--> statement-breakpoint
DROP INDEX "branch_settings_history_uq";--> statement-breakpoint
DROP INDEX "branches_slug_unique";--> statement-breakpoint
DROP INDEX "branches_tracking_prefix_unique";--> statement-breakpoint
DROP INDEX "branches_org_idx";--> statement-breakpoint
DROP INDEX "organizations_slug_unique";--> statement-breakpoint
DROP INDEX "public_areas_branch_idx";--> statement-breakpoint
DROP INDEX "refresh_tokens_token_hash_unique";--> statement-breakpoint
DROP INDEX "refresh_tokens_family_idx";--> statement-breakpoint
DROP INDEX "staff_email_unique";--> statement-breakpoint
DROP INDEX "staff_branch_role_idx";--> statement-breakpoint
DROP INDEX "staff_tokens_token_hash_unique";--> statement-breakpoint
DROP INDEX "staff_tokens_staff_idx";--> statement-breakpoint
DROP INDEX "units_building_number_uq";--> statement-breakpoint
DROP INDEX "units_branch_idx";--> statement-breakpoint
ALTER TABLE `staff` ALTER COLUMN "email" TO "email" text;--> statement-breakpoint
CREATE UNIQUE INDEX `branch_settings_history_uq` ON `branch_settings_history` (`branch_id`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `branches_slug_unique` ON `branches` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `branches_tracking_prefix_unique` ON `branches` (`tracking_prefix`);--> statement-breakpoint
CREATE INDEX `branches_org_idx` ON `branches` (`org_id`,`region_id`);--> statement-breakpoint
CREATE INDEX `buildings_community_idx` ON `buildings` (`community_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_slug_unique` ON `organizations` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_tokens_token_hash_unique` ON `refresh_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_family_idx` ON `refresh_tokens` (`family_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_unique` ON `staff` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_phone_unique` ON `staff` (`phone`);--> statement-breakpoint
CREATE INDEX `staff_branch_role_idx` ON `staff` (`branch_id`,`role`);--> statement-breakpoint
CREATE UNIQUE INDEX `units_building_number_uq` ON `units` (`building_id`,`number`);--> statement-breakpoint
CREATE INDEX `units_branch_idx` ON `units` (`branch_id`);--> statement-breakpoint
ALTER TABLE `staff` ALTER COLUMN "password_hash" TO "password_hash" text;--> statement-breakpoint
ALTER TABLE `staff` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `verified_at` integer;--> statement-breakpoint
ALTER TABLE `staff` ADD `session_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `buildings` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `communities` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `entrance` text;--> statement-breakpoint
ALTER TABLE `units` ADD `area` real;--> statement-breakpoint
ALTER TABLE `units` ADD `version` integer DEFAULT 1 NOT NULL;