-- What Open311 publishes of an order beyond its category, status and dates: a text written for the public
-- by a staff member of the center (masked for personal identifiers when saved), with who published it and
-- when. One per order; withdrawing it deletes the row (the audit log keeps both steps).
CREATE TABLE order_public_texts (
  order_id integer PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  published_by integer NOT NULL REFERENCES accounts (id),
  published_at timestamptz NOT NULL DEFAULT now()
);
