-- The counts of the moderation queue's tabs, per blog and status: filled from the comments there are, then
-- kept by triggers in the statement that inserts, re-files or deletes a comment, whatever the path
-- (posting, moderation, import, demo seed, and the cascades of a post's or a blog's deletion).
CREATE TABLE `comment_count` (
	`blog_id` integer NOT NULL,
	`status` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`blog_id`, `status`),
	FOREIGN KEY (`blog_id`) REFERENCES `blog`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `comment_count` (`blog_id`, `status`, `total`) SELECT `blog_id`, `status`, count(*) FROM `comment` GROUP BY `blog_id`, `status`;
--> statement-breakpoint
CREATE TRIGGER `comment_count_ai` AFTER INSERT ON `comment` BEGIN
	INSERT INTO `comment_count` (`blog_id`, `status`, `total`) VALUES (new.blog_id, new.status, 1)
		ON CONFLICT (`blog_id`, `status`) DO UPDATE SET `total` = `total` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `comment_count_ad` AFTER DELETE ON `comment` BEGIN
	UPDATE `comment_count` SET `total` = `total` - 1 WHERE `blog_id` = old.blog_id AND `status` = old.status;
END;
--> statement-breakpoint
CREATE TRIGGER `comment_count_au` AFTER UPDATE OF `status`, `blog_id` ON `comment`
	WHEN old.status IS NOT new.status OR old.blog_id IS NOT new.blog_id BEGIN
	UPDATE `comment_count` SET `total` = `total` - 1 WHERE `blog_id` = old.blog_id AND `status` = old.status;
	INSERT INTO `comment_count` (`blog_id`, `status`, `total`) VALUES (new.blog_id, new.status, 1)
		ON CONFLICT (`blog_id`, `status`) DO UPDATE SET `total` = `total` + 1;
END;
