CREATE TABLE `point_expiries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`cutoff` text NOT NULL,
	`warned_points` integer DEFAULT 0 NOT NULL,
	`warned_at` integer,
	`expired_points` integer,
	`expired_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `point_expiries_household_cutoff` ON `point_expiries` (`household_id`,`cutoff`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`rule_id` integer NOT NULL,
	`rule_version_id` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_id`) REFERENCES `rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_version_id`) REFERENCES `rule_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspections_village` ON `inspections` (`village_id`,`id`);--> statement-breakpoint
CREATE TABLE `slip_objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`slip_id` integer NOT NULL,
	`raised_by` integer NOT NULL,
	`on_behalf_of_member_id` integer,
	`reason` text NOT NULL,
	`status` text DEFAULT 'standing' NOT NULL,
	`resolved_by` integer,
	`resolved_at` integer,
	`resolution` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slip_id`) REFERENCES `deposit_slips`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "slip_objections_reason" CHECK(length("slip_objections"."reason") > 0),
	CONSTRAINT "slip_objections_resolved" CHECK("slip_objections"."status" = 'standing' or ("slip_objections"."resolved_by" is not null and length("slip_objections"."resolution") > 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slip_objections_slip_user` ON `slip_objections` (`slip_id`,`raised_by`);--> statement-breakpoint
CREATE INDEX `slip_objections_village_status` ON `slip_objections` (`village_id`,`status`);--> statement-breakpoint
ALTER TABLE `households` ADD `plaque_token` text;--> statement-breakpoint
CREATE UNIQUE INDEX `households_plaque_token` ON `households` (`plaque_token`);--> statement-breakpoint
ALTER TABLE `deposit_slips` ADD `photo_key` text;--> statement-breakpoint
ALTER TABLE `deposit_slips` ADD `inspection_id` integer REFERENCES inspections(id);--> statement-breakpoint
ALTER TABLE `deposit_slips` ADD `withdrawn_at` integer;--> statement-breakpoint
-- Hand-written: households made before door plaques get their token here (new ones get one on insert).
UPDATE `households` SET `plaque_token` = lower(hex(randomblob(10))) WHERE `plaque_token` IS NULL;
