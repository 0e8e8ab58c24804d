CREATE TABLE `service_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`content` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`service_date` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `volunteer_teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_activities_team` ON `service_activities` (`team_id`,`id`);--> statement-breakpoint
CREATE TABLE `service_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`activity_id` integer,
	`member_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`service_date` text NOT NULL,
	`half_hours` integer NOT NULL,
	`content` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`recorded_by` integer NOT NULL,
	`corrects_record_id` integer,
	`correction_reason` text,
	`points_credited` integer DEFAULT 0 NOT NULL,
	`dispute_reason` text,
	`disputed_at` integer,
	`disputed_by` integer,
	`resolved_at` integer,
	`resolved_by` integer,
	`resolution` text,
	`resolution_note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `volunteer_teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `service_activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`disputed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_records_half_hours" CHECK("service_records"."half_hours" <> 0 and "service_records"."half_hours" between -200 and 48),
	CONSTRAINT "service_records_negative_is_correction" CHECK("service_records"."half_hours" > 0 or "service_records"."corrects_record_id" is not null),
	CONSTRAINT "service_records_correction_reason" CHECK("service_records"."corrects_record_id" is null or length("service_records"."correction_reason") > 0)
);
--> statement-breakpoint
CREATE INDEX `service_records_member` ON `service_records` (`member_id`,`service_date`);--> statement-breakpoint
CREATE INDEX `service_records_team` ON `service_records` (`team_id`,`service_date`);--> statement-breakpoint
CREATE INDEX `service_records_activity` ON `service_records` (`activity_id`);--> statement-breakpoint
CREATE INDEX `service_records_corrects` ON `service_records` (`corrects_record_id`);--> statement-breakpoint
CREATE INDEX `service_records_disputed` ON `service_records` (`village_id`) WHERE "service_records"."disputed_at" is not null and "service_records"."resolved_at" is null;--> statement-breakpoint
CREATE TABLE `star_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`level` integer NOT NULL,
	`threshold_hours` integer NOT NULL,
	`announced_at` integer NOT NULL,
	`grants_at` integer NOT NULL,
	`granted_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "star_levels_level" CHECK("star_levels"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `star_levels_member_level` ON `star_levels` (`member_id`,`level`);--> statement-breakpoint
CREATE INDEX `star_levels_due` ON `star_levels` (`grants_at`) WHERE "star_levels"."granted_at" is null;--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`status` text DEFAULT 'applied' NOT NULL,
	`applied_at` integer,
	`applied_by` integer,
	`decided_at` integer,
	`decided_by` integer,
	`decline_reason` text,
	`left_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `volunteer_teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "team_members_declined" CHECK("team_members"."status" <> 'declined' or length("team_members"."decline_reason") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_team_member` ON `team_members` (`team_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `team_members_member` ON `team_members` (`member_id`);--> statement-breakpoint
CREATE TABLE `volunteer_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`number` text NOT NULL,
	`member_id` integer NOT NULL,
	`issued_by` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`total_half_hours` integer NOT NULL,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_certificates_number` ON `volunteer_certificates` (`number`);--> statement-breakpoint
CREATE INDEX `volunteer_certificates_member` ON `volunteer_certificates` (`member_id`);--> statement-breakpoint
CREATE TABLE `volunteer_settings` (
	`village_id` integer PRIMARY KEY NOT NULL,
	`star_thresholds` text NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `volunteer_teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "volunteer_teams_name" CHECK(length("volunteer_teams"."name") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_teams_village_name` ON `volunteer_teams` (`village_id`,`name`);