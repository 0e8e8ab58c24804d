CREATE TABLE `rule_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`adopted_by` text DEFAULT '' NOT NULL,
	`adopted_on` text,
	`resolution` text DEFAULT '' NOT NULL,
	`published_at` integer,
	`superseded_at` integer,
	`created_by` integer,
	`published_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rule_versions_number" CHECK("rule_versions"."number" >= 1),
	CONSTRAINT "rule_versions_published_at" CHECK("rule_versions"."status" = 'draft' or ("rule_versions"."published_at" is not null and "rule_versions"."adopted_on" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_versions_village_number` ON `rule_versions` (`village_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `rule_versions_one_published` ON `rule_versions` (`village_id`) WHERE "rule_versions"."status" = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX `rule_versions_one_draft` ON `rule_versions` (`village_id`) WHERE "rule_versions"."status" = 'draft';--> statement-breakpoint
CREATE TABLE `rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`key` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`points` integer NOT NULL,
	`unit` text DEFAULT '次' NOT NULL,
	`monthly_cap` integer,
	`yearly_cap` integer,
	`photo_required` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `rule_versions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rules_points_nonzero" CHECK("rules"."points" <> 0 and "rules"."points" between -1000 and 1000),
	CONSTRAINT "rules_monthly_cap" CHECK("rules"."monthly_cap" is null or "rules"."monthly_cap" > 0),
	CONSTRAINT "rules_yearly_cap" CHECK("rules"."yearly_cap" is null or "rules"."yearly_cap" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rules_version_key` ON `rules` (`version_id`,`key`);--> statement-breakpoint
CREATE INDEX `rules_version_order` ON `rules` (`version_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`household_id` integer NOT NULL,
	`member_id` integer,
	`kind` text NOT NULL,
	`points` integer NOT NULL,
	`source_type` text NOT NULL,
	`source_id` integer NOT NULL,
	`rule_id` integer,
	`rule_version_id` integer,
	`note` text,
	`actor_user_id` integer,
	`on_behalf_of_member_id` integer,
	`created_at` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_id`) REFERENCES `rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_version_id`) REFERENCES `rule_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_sign_by_kind" CHECK(("ledger_entries"."kind" in ('earn', 'refund') and "ledger_entries"."points" > 0)
			or ("ledger_entries"."kind" in ('deduct', 'redeem', 'expire') and "ledger_entries"."points" < 0)
			or ("ledger_entries"."kind" = 'correct' and "ledger_entries"."points" <> 0)),
	CONSTRAINT "ledger_rule_pair" CHECK(("ledger_entries"."rule_id" is null) = ("ledger_entries"."rule_version_id" is null)),
	CONSTRAINT "ledger_seq" CHECK("ledger_entries"."seq" >= 1),
	CONSTRAINT "ledger_hash_len" CHECK(length("ledger_entries"."hash") = 64 and length("ledger_entries"."prev_hash") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_source` ON `ledger_entries` (`source_type`,`source_id`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_village_seq` ON `ledger_entries` (`village_id`,`seq`);--> statement-breakpoint
CREATE INDEX `ledger_household` ON `ledger_entries` (`household_id`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_member` ON `ledger_entries` (`member_id`);--> statement-breakpoint
-- Written by hand (drizzle-kit does not generate triggers): the ledger is append-only, and a
-- published or superseded rule book is read-only. The services never try either; these refuse it
-- even from a stray script or a bug.
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries`
BEGIN
	SELECT RAISE(ABORT, 'ledger_entries is append-only: correct an entry with a reversing entry');
END;--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN
	SELECT RAISE(ABORT, 'ledger_entries is append-only: correct an entry with a reversing entry');
END;--> statement-breakpoint
CREATE TRIGGER `rules_frozen_insert` BEFORE INSERT ON `rules`
WHEN (SELECT `status` FROM `rule_versions` WHERE `id` = NEW.`version_id`) IS NOT 'draft'
BEGIN
	SELECT RAISE(ABORT, 'rules can only be added to a draft rule book');
END;--> statement-breakpoint
CREATE TRIGGER `rules_frozen_update` BEFORE UPDATE ON `rules`
WHEN (SELECT `status` FROM `rule_versions` WHERE `id` = OLD.`version_id`) IS NOT 'draft'
	OR (SELECT `status` FROM `rule_versions` WHERE `id` = NEW.`version_id`) IS NOT 'draft'
BEGIN
	SELECT RAISE(ABORT, 'the rules of a published rule book are read-only');
END;--> statement-breakpoint
CREATE TRIGGER `rules_frozen_delete` BEFORE DELETE ON `rules`
WHEN (SELECT `status` FROM `rule_versions` WHERE `id` = OLD.`version_id`) IS NOT 'draft'
BEGIN
	SELECT RAISE(ABORT, 'the rules of a published rule book are read-only');
END;--> statement-breakpoint
CREATE TRIGGER `rule_versions_frozen_update` BEFORE UPDATE ON `rule_versions`
WHEN OLD.`status` = 'superseded'
	OR (OLD.`status` = 'published' AND (
		NEW.`status` IS NOT 'superseded'
		OR NEW.`village_id` IS NOT OLD.`village_id`
		OR NEW.`number` IS NOT OLD.`number`
		OR NEW.`adopted_by` IS NOT OLD.`adopted_by`
		OR NEW.`adopted_on` IS NOT OLD.`adopted_on`
		OR NEW.`resolution` IS NOT OLD.`resolution`
		OR NEW.`published_at` IS NOT OLD.`published_at`
		OR NEW.`published_by` IS NOT OLD.`published_by`))
BEGIN
	SELECT RAISE(ABORT, 'a published rule book is read-only');
END;--> statement-breakpoint
CREATE TRIGGER `rule_versions_frozen_delete` BEFORE DELETE ON `rule_versions`
WHEN OLD.`status` IS NOT 'draft'
BEGIN
	SELECT RAISE(ABORT, 'a published rule book is read-only');
END;
