CREATE TABLE `care_settings` (
	`village_id` integer PRIMARY KEY NOT NULL,
	`high_days` integer DEFAULT 7 NOT NULL,
	`medium_days` integer DEFAULT 30 NOT NULL,
	`low_days` integer DEFAULT 90 NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_settings_days" CHECK("care_settings"."high_days" between 1 and 366 and "care_settings"."medium_days" between 1 and 366 and "care_settings"."low_days" between 1 and 366)
);
--> statement-breakpoint
CREATE TABLE `care_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`elder_member_id` integer NOT NULL,
	`visitor_member_id` integer NOT NULL,
	`team_id` integer,
	`service_record_id` integer,
	`visited_on` text NOT NULL,
	`health` text DEFAULT '' NOT NULL,
	`safety` text DEFAULT '' NOT NULL,
	`living` text DEFAULT '' NOT NULL,
	`needs` text DEFAULT '' NOT NULL,
	`follow_up` integer DEFAULT false NOT NULL,
	`follow_up_note` text,
	`follow_up_resolved_at` integer,
	`follow_up_resolved_by` integer,
	`recorded_by` integer NOT NULL,
	`request_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`elder_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `volunteer_teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_record_id`) REFERENCES `service_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`follow_up_resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_visits_elder` ON `care_visits` (`elder_member_id`,`visited_on`);--> statement-breakpoint
CREATE INDEX `care_visits_village` ON `care_visits` (`village_id`,`visited_on`);--> statement-breakpoint
CREATE INDEX `care_visits_open_follow_up` ON `care_visits` (`village_id`) WHERE "care_visits"."follow_up" = 1 and "care_visits"."follow_up_resolved_at" is null;--> statement-breakpoint
CREATE INDEX `care_visits_request_key` ON `care_visits` (`recorded_by`,`request_key`);