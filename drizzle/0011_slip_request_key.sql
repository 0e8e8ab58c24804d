ALTER TABLE `deposit_slips` ADD `request_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_slips_request_key` ON `deposit_slips` (`reported_by`,`request_key`);--> statement-breakpoint
CREATE INDEX `deposit_slips_photo` ON `deposit_slips` (`photo_key`);