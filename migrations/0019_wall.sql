-- The wall: who acknowledged which alarm (the alarm itself is its push), and wall layouts kept as data
-- so an admin can fit the panels to a room's screens without a release.
CREATE TABLE alarm_acks (
  seq bigint PRIMARY KEY REFERENCES pushes (seq) ON DELETE CASCADE,
  account_id integer NOT NULL REFERENCES accounts (id),
  acked_at timestamptz NOT NULL DEFAULT now(),
  note text CHECK (length(note) <= 200)
);

-- An acknowledgement is pushed (and replayed) like any other event.
ALTER TABLE pushes DROP CONSTRAINT pushes_topic_check;
ALTER TABLE pushes ADD CONSTRAINT pushes_topic_check
  CHECK (topic IN ('order:created', 'order:updated', 'order:escalated', 'alarm', 'alarm:ack'));
-- The alarm history reads alarms newest first within a scope.
CREATE INDEX pushes_alarms_idx ON pushes (seq DESC) WHERE topic = 'alarm';

CREATE TABLE wall_layouts (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  spec jsonb NOT NULL,
  updated_by integer REFERENCES accounts (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
