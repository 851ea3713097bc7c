CREATE TABLE `import_job` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`blog_id` integer NOT NULL,
	`user_id` text,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`label` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`items_total` integer,
	`items_done` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`report` text DEFAULT '[]' NOT NULL,
	`locked_until` integer,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`blog_id`) REFERENCES `blog`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `import_job_blog_idx` ON `import_job` (`blog_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `import_job_status_idx` ON `import_job` (`status`,`locked_until`);--> statement-breakpoint
CREATE TABLE `imported_item` (
	`blog_id` integer NOT NULL,
	`entity` text NOT NULL,
	`source_key` text NOT NULL,
	`local_id` integer NOT NULL,
	PRIMARY KEY(`blog_id`, `entity`, `source_key`),
	FOREIGN KEY (`blog_id`) REFERENCES `blog`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `old_address` (
	`blog_id` integer NOT NULL,
	`path` text NOT NULL,
	`post_id` integer NOT NULL,
	PRIMARY KEY(`blog_id`, `path`),
	FOREIGN KEY (`blog_id`) REFERENCES `blog`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `post`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `old_address_post_idx` ON `old_address` (`post_id`);