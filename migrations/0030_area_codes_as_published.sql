-- Area codes as they are published: district adcodes of 6 digits, streets of 9, communities of 12, grids and
-- special grids of 15; districts and streets also in their 12-digit zero-padded forms. Digits only.
ALTER TABLE areas DROP CONSTRAINT areas_code_check;
ALTER TABLE areas ADD CONSTRAINT areas_code_check CHECK (code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$');
