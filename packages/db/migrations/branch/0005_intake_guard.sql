ALTER TABLE `rate_counters` ADD `cap` integer;--> statement-breakpoint
-- Intake writes in one round trip and lets the database refuse what the limits forbid (its checks read only on refusal):
-- a counter above the branch's daily cap, or a phone sending the same text again within a minute.
CREATE TRIGGER `rate_counters_guard` BEFORE UPDATE ON `rate_counters`
WHEN NEW.`count` > NEW.`cap`
  OR (NEW.`key` LIKE 'phone:%' AND NEW.`last_text` = OLD.`last_text` AND NEW.`last_at` - OLD.`last_at` < 60000)
BEGIN
  SELECT RAISE(ABORT, 'intake refused by rate_counters_guard');
END;
