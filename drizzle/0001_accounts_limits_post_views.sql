CREATE TABLE `daily_post_view` (
	`post_id` integer NOT NULL,
	`blog_id` integer NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`post_id`, `day`),
	FOREIGN KEY (`post_id`) REFERENCES `post`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blog_id`) REFERENCES `blog`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `daily_post_view_blog_day_idx` ON `daily_post_view` (`blog_id`,`day`);--> statement-breakpoint
CREATE TABLE `rate_limit` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `post` ADD `newsletter_queued_at` integer;--> statement-breakpoint
ALTER TABLE `user` ADD `session_version` integer DEFAULT 0 NOT NULL;