ALTER TABLE `branches` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `branches` ADD `suspended_at` integer;