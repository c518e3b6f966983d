-- Register search (core `request/search.ts`): one trigram full-text row per request, kept by triggers in the same
-- transaction as the request's own write, so that every way a request is written is searchable at once.
-- Columns: the tracking code (also without its dashes), the contact (name and phone), the place (the unit label,
-- the same with each building mark 号楼/栋/幢/座/# read as "-", and the public area), the description. Each column
-- ends with two spaces, so that every character, and every pair of characters, starts a trigram (short words are
-- looked up as trigram prefixes).
-- The row's own rowid orders results newest first; `request_id` joins it back to `requests`.
CREATE VIRTUAL TABLE `request_search` USING fts5(
  `request_id` UNINDEXED,
  `code`,
  `contact`,
  `place`,
  `body`,
  tokenize = 'trigram case_sensitive 0'
);
--> statement-breakpoint
-- The trigrams in the index: a short word is looked up as the prefix of these (`term >= ? AND term < ?`).
CREATE VIRTUAL TABLE `request_search_terms` USING fts5vocab(`request_search`, 'row');
--> statement-breakpoint
-- What is indexed of each request, written once: the triggers and the backfill read it by the request's id.
CREATE VIEW `request_search_source` AS SELECT
  `id` AS `request_id`,
  `tracking_code` || ' ' || replace(`tracking_code`, '-', '') || '  ' AS `code`,
  `contact_name` || ' ' || `contact_phone` || '  ' AS `contact`,
  coalesce(`unit_label` || ' ' || replace(replace(replace(replace(replace(`unit_label`, '号楼', '-'), '栋', '-'), '幢', '-'), '座', '-'), '#', '-') || ' ', '')
    || coalesce(`area`, '') || '  ' AS `place`,
  `description` || '  ' AS `body`
FROM `requests`;
--> statement-breakpoint
CREATE TRIGGER `request_search_insert` AFTER INSERT ON `requests` BEGIN
  INSERT INTO `request_search` (`request_id`, `code`, `contact`, `place`, `body`)
  SELECT `request_id`, `code`, `contact`, `place`, `body` FROM `request_search_source` WHERE `request_id` = NEW.`id`;
END;
--> statement-breakpoint
-- Searched columns change rarely (a correction); the old row is found by a scan, the new one written as on insert.
CREATE TRIGGER `request_search_update` AFTER UPDATE OF `tracking_code`, `contact_name`, `contact_phone`, `unit_label`, `area`, `description` ON `requests` BEGIN
  DELETE FROM `request_search` WHERE `request_id` = OLD.`id`;
  INSERT INTO `request_search` (`request_id`, `code`, `contact`, `place`, `body`)
  SELECT `request_id`, `code`, `contact`, `place`, `body` FROM `request_search_source` WHERE `request_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `request_search_delete` AFTER DELETE ON `requests` BEGIN
  DELETE FROM `request_search` WHERE `request_id` = OLD.`id`;
END;
--> statement-breakpoint
-- Requests written before this migration, oldest first (their units have no label yet: found by everything else).
INSERT INTO `request_search` (`request_id`, `code`, `contact`, `place`, `body`)
SELECT s.`request_id`, s.`code`, s.`contact`, s.`place`, s.`body`
FROM `request_search_source` s JOIN `requests` r ON r.`id` = s.`request_id` ORDER BY r.`created_at`, r.`id`;
