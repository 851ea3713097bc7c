CREATE TABLE `comment_reply_subscription` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`blog_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`email` text NOT NULL,
	`token` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`unsubscribed_at` integer,
	FOREIGN KEY (`blog_id`) REFERENCES `blog`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `comment`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reply_subscription_thread_email_idx` ON `comment_reply_subscription` (`thread_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `reply_subscription_token_idx` ON `comment_reply_subscription` (`token`);--> statement-breakpoint
CREATE INDEX `reply_subscription_blog_idx` ON `comment_reply_subscription` (`blog_id`,`email`);