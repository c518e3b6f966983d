CREATE TABLE `case_library` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text,
	`source` text NOT NULL,
	`kind` text,
	`problem` text NOT NULL,
	`lesson` text NOT NULL,
	`department` text NOT NULL,
	`photos` text DEFAULT '[]' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_library_created_idx` ON `case_library` (`created_at`);--> statement-breakpoint
CREATE TABLE `ownership_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`note` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`reason` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ownership_transfers_to_idx` ON `ownership_transfers` (`to_id`,`status`);--> statement-breakpoint
CREATE INDEX `ownership_transfers_request_idx` ON `ownership_transfers` (`request_id`,`status`);--> statement-breakpoint
CREATE TABLE `request_records` (
	`request_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`item_code` text,
	`unit_id` text,
	`completed_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_records_warranty_idx` ON `request_records` (`unit_id`,`item_code`,`completed_at`);--> statement-breakpoint
ALTER TABLE `requests` ADD `assignee_id` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `reopen_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `requests_assignee_idx` ON `requests` (`assignee_id`,`status`);