CREATE TABLE `poll_options` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poll_id` integer NOT NULL,
	`label` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "poll_options_label_len" CHECK(length("poll_options"."label") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poll_options_order` ON `poll_options` (`poll_id`,`sort_order`);--> statement-breakpoint
CREATE UNIQUE INDEX `poll_options_label` ON `poll_options` (`poll_id`,`label`);--> statement-breakpoint
CREATE TABLE `poll_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poll_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`option_id` integer NOT NULL,
	`voted_by` integer NOT NULL,
	`on_behalf_of_member_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`option_id`) REFERENCES `poll_options`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poll_votes_household` ON `poll_votes` (`poll_id`,`household_id`);--> statement-breakpoint
CREATE INDEX `poll_votes_option` ON `poll_votes` (`option_id`);--> statement-breakpoint
CREATE TABLE `polls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` integer,
	`close_announced_at` integer,
	`created_by` integer NOT NULL,
	`client_token` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "polls_title" CHECK(length("polls"."title") > 0),
	CONSTRAINT "polls_closed" CHECK(("polls"."closed_at" is null) = ("polls"."closed_by" is null))
);
--> statement-breakpoint
CREATE INDEX `polls_village` ON `polls` (`village_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `polls_client_token` ON `polls` (`village_id`,`client_token`);