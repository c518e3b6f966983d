CREATE TABLE `milestone_facts` (
	`milestone_id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`org_id` text NOT NULL,
	`region_id` text,
	`branch_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`start_at` integer NOT NULL,
	`due_at` integer,
	`status` text NOT NULL,
	`met_at` integer,
	`breached_at` integer,
	`paused_ms` integer DEFAULT 0 NOT NULL,
	`breach_reason` text,
	`schedule` text NOT NULL,
	`next_check_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `milestone_facts_sweep_idx` ON `milestone_facts` (`next_check_at`);--> statement-breakpoint
CREATE INDEX `milestone_facts_scope_idx` ON `milestone_facts` (`org_id`,`branch_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `milestone_facts_org_time_idx` ON `milestone_facts` (`org_id`,`start_at`,`name`,`status`,`met_at`,`due_at`,`branch_id`,`region_id`);--> statement-breakpoint
CREATE INDEX `milestone_facts_overdue_idx` ON `milestone_facts` (`org_id`,`status`,`due_at`,`branch_id`,`region_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `milestone_facts_open_branch_idx` ON `milestone_facts` (`org_id`,`branch_id`,`due_at`,`region_id`,`start_at`) WHERE status in ('open', 'paused');--> statement-breakpoint
CREATE INDEX `milestone_facts_branch_start_idx` ON `milestone_facts` (`branch_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `milestone_facts_open_idx` ON `milestone_facts` (`org_id`,`status`,`start_at`,`name`,`due_at`,`branch_id`,`region_id`);--> statement-breakpoint
CREATE TABLE `milestone_notices` (
	`milestone_id` text NOT NULL,
	`notice_key` text NOT NULL,
	`branch_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`milestone_id`, `notice_key`)
);
--> statement-breakpoint
CREATE TABLE `milestone_rollups` (
	`org_id` text NOT NULL,
	`region_id` text,
	`branch_id` text NOT NULL,
	`day` text NOT NULL,
	`name` text NOT NULL,
	`met_on_time` integer NOT NULL,
	`met_late` integer NOT NULL,
	PRIMARY KEY(`branch_id`, `day`, `name`)
);
--> statement-breakpoint
CREATE INDEX `milestone_rollups_scope_idx` ON `milestone_rollups` (`org_id`,`day`,`region_id`,`branch_id`,`name`,`met_on_time`,`met_late`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`processed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`org_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`region_id` text,
	`month` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `month`, `branch_id`)
);
--> statement-breakpoint
CREATE TABLE `request_facts` (
	`request_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`region_id` text,
	`branch_id` text NOT NULL,
	`community_id` text,
	`kind` text NOT NULL,
	`category` text,
	`urgency` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`satisfaction` integer,
	`reopened` integer DEFAULT false NOT NULL,
	`repeat_complaint` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_facts_scope_idx` ON `request_facts` (`org_id`,`branch_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `request_facts_region_idx` ON `request_facts` (`org_id`,`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `request_facts_org_time_idx` ON `request_facts` (`org_id`,`created_at`,`kind`,`branch_id`,`region_id`,`satisfaction`,`reopened`,`repeat_complaint`);--> statement-breakpoint
CREATE TABLE `request_rollups` (
	`org_id` text NOT NULL,
	`region_id` text,
	`branch_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`requests` integer NOT NULL,
	`reopened` integer NOT NULL,
	`repeat_complaints` integer NOT NULL,
	`satisfaction_sum` integer NOT NULL,
	`satisfaction_count` integer NOT NULL,
	PRIMARY KEY(`branch_id`, `day`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `request_rollups_scope_idx` ON `request_rollups` (`org_id`,`day`,`region_id`,`branch_id`,`kind`,`requests`,`reopened`,`repeat_complaints`,`satisfaction_sum`,`satisfaction_count`);