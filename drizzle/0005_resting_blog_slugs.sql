CREATE TABLE `resting_blog_slug` (
	`slug` text PRIMARY KEY NOT NULL,
	`former_blog_id` integer NOT NULL,
	`available_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
