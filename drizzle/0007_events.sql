CREATE TABLE `event_checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`method` text NOT NULL,
	`by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_checkins_event_member` ON `event_checkins` (`event_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `event_settings` (
	`village_id` integer PRIMARY KEY NOT NULL,
	`attendance_points` text DEFAULT 'slip' NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `event_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`status` text NOT NULL,
	`position` integer NOT NULL,
	`signed_up_by` integer NOT NULL,
	`on_behalf_of_member_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_up_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_signups_event_member` ON `event_signups` (`event_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `event_signups_event_status` ON `event_signups` (`event_id`,`status`,`position`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`organiser` text NOT NULL,
	`team_id` integer,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer,
	`signup_required` integer DEFAULT true NOT NULL,
	`attendance_rule_id` integer,
	`check_in_opens_at` integer NOT NULL,
	`check_in_closes_at` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` integer NOT NULL,
	`qr_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attendance_rule_id`) REFERENCES `rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_ends_after_start" CHECK("events"."ends_at" >= "events"."starts_at"),
	CONSTRAINT "events_checkin_window" CHECK("events"."check_in_closes_at" > "events"."check_in_opens_at"),
	CONSTRAINT "events_capacity" CHECK("events"."capacity" is null or "events"."capacity" > 0),
	CONSTRAINT "events_team" CHECK(("events"."organiser" = 'team') = ("events"."team_id" is not null))
);
--> statement-breakpoint
CREATE INDEX `events_village_starts` ON `events` (`village_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `member_cards` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_cards_token` ON `member_cards` (`token`);