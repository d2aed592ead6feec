-- The audit log read by account (an account's last login, an admin filtering the log by account or action).
CREATE INDEX IF NOT EXISTS audit_log_account_idx ON audit_log (account_id, action, at);
CREATE INDEX IF NOT EXISTS audit_log_action_idx ON audit_log (action, id);
