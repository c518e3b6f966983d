ALTER TABLE `attachments` ADD `purpose` text DEFAULT 'photo' NOT NULL;--> statement-breakpoint
ALTER TABLE `attachments` ADD `step` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `uploaded_by` text;--> statement-breakpoint
CREATE INDEX `attachments_request_idx` ON `attachments` (`request_id`,`created_at`);