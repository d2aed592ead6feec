-- The event log (api/events/log.ts) also records where an event's subject was before it: an order that a
-- re-gridding moves into another area is heard there (`order:moved`) and where it left (`order:left`), live
-- and on replay, so scopes that lose it learn so.
ALTER TABLE pushes ADD COLUMN IF NOT EXISTS from_path text;
ALTER TABLE pushes DROP CONSTRAINT IF EXISTS pushes_topic_check;
ALTER TABLE pushes ADD CONSTRAINT pushes_topic_check
  CHECK (topic IN ('order:created', 'order:updated', 'order:escalated', 'order:moved', 'alarm', 'alarm:ack'));
-- Replays and counts read "area_path or from_path under the scope": the second half by its own index.
CREATE INDEX IF NOT EXISTS pushes_from_path_idx ON pushes (from_path text_pattern_ops, seq) WHERE from_path IS NOT NULL;
