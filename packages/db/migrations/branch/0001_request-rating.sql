ALTER TABLE `requests` ADD `satisfaction` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `rating_comment` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `rated_at` integer;