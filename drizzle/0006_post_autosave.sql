ALTER TABLE `post` ADD `excerpt_custom` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `post` ADD `edit_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `post` ADD `pending_title` text;--> statement-breakpoint
ALTER TABLE `post` ADD `pending_body` text;--> statement-breakpoint
ALTER TABLE `post` ADD `pending_saved_at` integer;