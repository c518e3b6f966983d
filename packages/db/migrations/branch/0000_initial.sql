CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`detail` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_log` (`subject_type`,`subject_id`,`at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`notification_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`payload` text,
	`attempts` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_notification_channel_uq` ON `deliveries` (`notification_id`,`channel`,`recipient`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`body_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `inbox` (
	`id` text PRIMARY KEY NOT NULL,
	`notification_id` text NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`request_id` text,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_notification_recipient_uq` ON `inbox` (`notification_id`,`recipient_type`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `inbox_recipient_idx` ON `inbox` (`recipient_type`,`recipient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `milestone_pauses` (
	`id` text PRIMARY KEY NOT NULL,
	`milestone_id` text NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer,
	`reason` text NOT NULL,
	`by` text,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestone_pauses_ms_idx` ON `milestone_pauses` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`name` text NOT NULL,
	`start_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`due_at` integer,
	`calendar` text NOT NULL,
	`policy_version` integer NOT NULL,
	`schedule` text NOT NULL,
	`status` text NOT NULL,
	`met_at` integer,
	`met_by` text,
	`breached_at` integer,
	`breach_reason` text,
	`source_event_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `milestones_request_name_uq` ON `milestones` (`request_id`,`name`,`source_event_id`);--> statement-breakpoint
CREATE INDEX `milestones_request_idx` ON `milestones` (`request_id`);--> statement-breakpoint
CREATE TABLE `one_time_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`contact` text NOT NULL,
	`code_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `one_time_codes_contact_idx` ON `one_time_codes` (`contact`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`published_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `rate_counters` (
	`key` text NOT NULL,
	`window` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`last_text` text,
	`last_at` integer,
	PRIMARY KEY(`key`, `window`)
);
--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`public_note` text,
	`data` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_events_request_idx` ON `request_events` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`tracking_code` text NOT NULL,
	`kind` text NOT NULL,
	`category` text,
	`urgency` text NOT NULL,
	`urgency_reason` text,
	`status` text NOT NULL,
	`channel` text NOT NULL,
	`description` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`contact_email` text,
	`resident_id` text,
	`unit_id` text,
	`community_id` text,
	`area` text,
	`appointment_from` integer,
	`appointment_to` integer,
	`key_left` integer,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`owner_id` text,
	`created_by` text,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_tracking_code_unique` ON `requests` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `requests_created_idx` ON `requests` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `requests_owner_idx` ON `requests` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `requests_phone_idx` ON `requests` (`contact_phone`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_kind_idx` ON `requests` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `residents` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`unit_id` text,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`channels` text DEFAULT '["inbox"]' NOT NULL,
	`verified_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `residents_phone_uq` ON `residents` (`phone`);