ALTER TABLE `inbox` ADD `subject_type` text;--> statement-breakpoint
ALTER TABLE `inbox` ADD `subject_id` text;