CREATE INDEX `post_blog_updated_idx` ON `post` (`blog_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `post_blog_status_updated_idx` ON `post` (`blog_id`,`status`,`updated_at`);