-- Grid-worker positions (GPS from the phone page while on duty), partitioned by day of device time.
--
-- Why daily RANGE partitions on the device timestamp: 1,600 workers streaming a point every 10–30 s
-- on duty is ~2–3 M rows a day, ~1 G a year. Every read is bounded by time (a worker-day, a
-- community-day, today's coverage, the latest point), so the planner prunes to one or a few
-- partitions and each partition's (worker_id, t) index stays small (tens of MB); retention is
-- DROP TABLE of whole days (no DELETE, no bloat, no vacuum debt). Days are China Standard Time days
-- (UTC+8, no daylight saving), so one worker's duty day is one partition. Monthly partitions would
-- make a worker-day scan a 30× larger index and make retention coarse; hourly ones would put ~9,000
-- tables in the catalogue per year for no gain. Partitions are created ahead by the server (today,
-- tomorrow, and any day a late batch needs), never by a DEFAULT partition, so a row can only land in
-- the day it belongs to.
--
-- flags (bits, kept, never dropped): 1 = impossible speed from the previous accepted point in device
-- time (> 15 m/s), 2 = outside the district. Analysis (stops, coverage, geofence) ignores flagged rows.
CREATE TABLE worker_positions (
  worker_id integer NOT NULL REFERENCES grid_workers (id) ON DELETE CASCADE,
  t timestamptz NOT NULL,
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  accuracy real CHECK (accuracy >= 0),
  speed real CHECK (speed >= 0),
  flags smallint NOT NULL DEFAULT 0,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- One point per worker and device instant: an exact re-send is dropped by ON CONFLICT DO NOTHING.
  PRIMARY KEY (worker_id, t)
) PARTITION BY RANGE (t);

-- Creates the partition holding China-Standard-Time day d, if missing; true when it created one.
-- Two nodes racing on the same day: the loser sees duplicate_table and returns false.
CREATE FUNCTION worker_positions_ensure_day(d date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  part text := 'worker_positions_' || to_char(d, 'YYYYMMDD');
  lo timestamptz := (d::timestamp - interval '8 hours') AT TIME ZONE 'UTC';
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN false; END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF worker_positions FOR VALUES FROM (%L) TO (%L)', part, lo, lo + interval '1 day');
  RETURN true;
EXCEPTION WHEN duplicate_table THEN
  RETURN false;
END $$;

-- Drops every day partition that ends on or before the given day; returns how many it dropped.
CREATE FUNCTION worker_positions_drop_before(d date) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n integer := 0;
BEGIN
  FOR r IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'worker_positions'::regclass AND c.relname ~ '^worker_positions_[0-9]{8}$'
             AND to_date(substr(c.relname, 18), 'YYYYMMDD') < d LOOP
    EXECUTE format('DROP TABLE %I', r.relname);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
