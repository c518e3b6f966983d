CREATE TABLE `survey_facts` (
	`survey_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`region_id` text,
	`branch_id` text NOT NULL,
	`title` text NOT NULL,
	`scale` integer NOT NULL,
	`sent_at` integer,
	`closed_at` integer,
	`recipients` integer NOT NULL,
	`responses` integer NOT NULL,
	`score_sum` integer NOT NULL,
	`score_count` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `survey_facts_scope_idx` ON `survey_facts` (`org_id`,`branch_id`,`sent_at`);