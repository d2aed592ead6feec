-- The departments that hear a push about an order (the one holding it, leading it, assisting it, or that just
-- let it go). A department account hears only these; NULL for every other push.
ALTER TABLE pushes ADD COLUMN depts text[];
