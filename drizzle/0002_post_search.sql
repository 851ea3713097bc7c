-- Full-text index of posts (title, excerpt, Markdown body), insensitive to case and accents.
-- An external-content FTS5 table kept in step with `post` by triggers; readers' queries join `post`
-- to keep only a blog's published posts.
CREATE VIRTUAL TABLE `post_search` USING fts5(
	title, excerpt, body_markdown,
	content='post', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `post_search`(rowid, title, excerpt, body_markdown) SELECT id, title, excerpt, body_markdown FROM `post`;
--> statement-breakpoint
CREATE TRIGGER `post_search_ai` AFTER INSERT ON `post` BEGIN
	INSERT INTO `post_search`(rowid, title, excerpt, body_markdown) VALUES (new.id, new.title, new.excerpt, new.body_markdown);
END;
--> statement-breakpoint
CREATE TRIGGER `post_search_ad` AFTER DELETE ON `post` BEGIN
	INSERT INTO `post_search`(`post_search`, rowid, title, excerpt, body_markdown) VALUES ('delete', old.id, old.title, old.excerpt, old.body_markdown);
END;
--> statement-breakpoint
CREATE TRIGGER `post_search_au` AFTER UPDATE OF title, excerpt, body_markdown ON `post` BEGIN
	INSERT INTO `post_search`(`post_search`, rowid, title, excerpt, body_markdown) VALUES ('delete', old.id, old.title, old.excerpt, old.body_markdown);
	INSERT INTO `post_search`(rowid, title, excerpt, body_markdown) VALUES (new.id, new.title, new.excerpt, new.body_markdown);
END;
