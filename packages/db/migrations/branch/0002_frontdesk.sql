CREATE TABLE `contact_change_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`resident_id` text NOT NULL,
	`method` text NOT NULL,
	`new_phone` text,
	`new_email` text,
	`old_phone` text NOT NULL,
	`code_id` text,
	`id_type` text,
	`id_last4` text,
	`reason` text,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`applied_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contact_change_resident_idx` ON `contact_change_requests` (`resident_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `duty_log` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`what` text NOT NULL,
	`handled` text NOT NULL,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	`by_role` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `duty_log_at_idx` ON `duty_log` (`at`);--> statement-breakpoint
CREATE TABLE `forum_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`held_at` integer NOT NULL,
	`community_id` text,
	`attendees` integer NOT NULL,
	`minutes` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `forum_points` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`text` text NOT NULL,
	`raised_by` text,
	`reply` text,
	`replied_by` text,
	`replied_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `forum_meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forum_points_meeting_idx` ON `forum_points` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `handover_items` (
	`id` text PRIMARY KEY NOT NULL,
	`handover_id` text NOT NULL,
	`source` text NOT NULL,
	`ref_id` text,
	`text` text NOT NULL,
	`signed_at` integer,
	`signed_by` text,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handover_items_handover_idx` ON `handover_items` (`handover_id`);--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`shift` text NOT NULL,
	`notes` text,
	`written_by` text NOT NULL,
	`signed_by` text,
	`signed_at` integer,
	`sign_note` text,
	`flagged_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handovers_created_idx` ON `handovers` (`created_at`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`category` text NOT NULL,
	`audience` text,
	`status` text NOT NULL,
	`publish_at` integer,
	`expires_at` integer,
	`emergency` integer DEFAULT false NOT NULL,
	`drafted_by` text NOT NULL,
	`approved_by` text,
	`approved_at` integer,
	`return_comment` text,
	`pushed_at` integer,
	`history` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notices_status_idx` ON `notices` (`status`,`publish_at`);--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`resident_id` text NOT NULL,
	`answers` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_answers_resident_uq` ON `survey_answers` (`survey_id`,`resident_id`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`scale` integer NOT NULL,
	`questions` text NOT NULL,
	`status` text NOT NULL,
	`target` text,
	`sent_at` integer,
	`recipients` integer DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visitors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`id_type` text NOT NULL,
	`id_masked` text NOT NULL,
	`host_unit_id` text NOT NULL,
	`host_contacted` integer NOT NULL,
	`contacted_by` text,
	`purpose` text,
	`in_at` integer NOT NULL,
	`out_at` integer,
	`registered_by` text NOT NULL,
	`registered_role` text NOT NULL,
	`night` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `visitors_in_idx` ON `visitors` (`in_at`);