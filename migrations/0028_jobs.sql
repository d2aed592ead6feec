-- Durable jobs: one row per job, claimed by a node with FOR UPDATE SKIP LOCKED and kept alive by its heartbeat, so
-- that any node sees progress and a job left by a dead process is requeued or failed. Periodic singletons (the
-- escalation pass, the grid workers' upkeep) are rows too, requeued with run_after = the next period, which
-- replaces the job_leases table.
CREATE TABLE jobs (
  id text PRIMARY KEY,
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  -- what the job works on: small parameters as JSON, and a file (an uploaded survey) as bytes, dropped once it ends
  payload jsonb NOT NULL DEFAULT '{}',
  input bytea,
  progress jsonb,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 1 CHECK (max_attempts >= 1),
  run_after timestamptz NOT NULL DEFAULT now(),
  -- the node running it, and when that node last said it was still at work
  holder text,
  heartbeat_at timestamptz,
  error text,
  result jsonb,
  created_by integer REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  CHECK ((state = 'running') = (holder IS NOT NULL))
);
CREATE INDEX jobs_due_idx ON jobs (run_after) WHERE state = 'queued';
CREATE INDEX jobs_running_idx ON jobs (heartbeat_at) WHERE state = 'running';

DROP TABLE job_leases;
