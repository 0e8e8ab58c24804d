CREATE TABLE `villages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`town` text DEFAULT '' NOT NULL,
	`redeem_threshold` integer DEFAULT 600 NOT NULL,
	`threshold_basis` text DEFAULT 'balance' NOT NULL,
	`notice_days` integer DEFAULT 7 NOT NULL,
	`points_per_hour` integer DEFAULT 10 NOT NULL,
	`expiry_policy` text DEFAULT 'never' NOT NULL,
	`expiry_date` text,
	`expiry_years` integer,
	`expiry_warn_days` integer DEFAULT 30 NOT NULL,
	`show_rankings` integer DEFAULT true NOT NULL,
	`two_level_review` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "villages_threshold_nonneg" CHECK("villages"."redeem_threshold" >= 0),
	CONSTRAINT "villages_notice_days" CHECK("villages"."notice_days" between 0 and 60),
	CONSTRAINT "villages_points_per_hour" CHECK("villages"."points_per_hour" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `villages_code_unique` ON `villages` (`code`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`number` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`villager_group` text DEFAULT '' NOT NULL,
	`ten_group_id` integer,
	`head_member_id` integer,
	`balance` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ten_group_id`) REFERENCES `ten_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_village_number` ON `households` (`village_id`,`number`);--> statement-breakpoint
CREATE INDEX `households_group` ON `households` (`ten_group_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`name` text NOT NULL,
	`gender` text,
	`birth_year` integer,
	`relation` text DEFAULT '' NOT NULL,
	`phone` text,
	`id_number` text,
	`care_tags` text DEFAULT '[]' NOT NULL,
	`risk_tier` text,
	`assistance` text DEFAULT 'none' NOT NULL,
	`proxy_consent` integer DEFAULT false NOT NULL,
	`may_act_for_household` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "members_birth_year" CHECK("members"."birth_year" is null or "members"."birth_year" between 1900 and 2100)
);
--> statement-breakpoint
CREATE INDEX `members_household` ON `members` (`household_id`);--> statement-breakpoint
CREATE INDEX `members_village_name` ON `members` (`village_id`,`name`);--> statement-breakpoint
CREATE TABLE `ten_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`name` text NOT NULL,
	`leader_member_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ten_groups_village_name` ON `ten_groups` (`village_id`,`name`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `role_grants` (
	`user_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`role` text NOT NULL,
	`granted_by` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `village_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`password_hash` text NOT NULL,
	`name` text NOT NULL,
	`member_id` integer,
	`village_id` integer,
	`is_town_admin` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_unique` ON `users` (`phone`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_member` ON `users` (`member_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer,
	`actor_user_id` integer,
	`on_behalf_of_member_id` integer,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer,
	`detail` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_village` ON `audit_log` (`village_id`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_scope_key` ON `idempotency_keys` (`scope`,`key`);