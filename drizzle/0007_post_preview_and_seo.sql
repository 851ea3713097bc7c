ALTER TABLE `post` ADD `preview_token` text;--> statement-breakpoint
ALTER TABLE `post` ADD `seo_title` text;--> statement-breakpoint
ALTER TABLE `post` ADD `seo_description` text;--> statement-breakpoint
CREATE UNIQUE INDEX `post_preview_token_idx` ON `post` (`preview_token`);