ALTER TABLE `service_activities` ADD `request_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `service_activities_request_key` ON `service_activities` (`team_id`,`request_key`);