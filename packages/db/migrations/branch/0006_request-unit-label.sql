ALTER TABLE `requests` ADD `unit_label` text;--> statement-breakpoint
CREATE INDEX `requests_urgency_idx` ON `requests` (`urgency`,`created_at`,`id`);