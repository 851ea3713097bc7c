DROP INDEX `comment_post_status_idx`;--> statement-breakpoint
CREATE INDEX `comment_post_status_idx` ON `comment` (`post_id`,`status`,`blog_id`,`created_at`);