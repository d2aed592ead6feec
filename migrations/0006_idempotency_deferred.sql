-- An Idempotency-Key is claimed before its order is written (the unique key is what makes racing retries
-- wait for the first one), so its reference to the order is checked at commit.
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_order_id_fkey;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_order_id_fkey
  FOREIGN KEY (order_id) REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED;
