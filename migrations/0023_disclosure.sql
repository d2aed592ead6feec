-- Disclosure control of published counts of people (see api/population/disclosure.ts): the secret that keys
-- each count's rounding, made once per database so every node and every restart rounds the same count the same
-- way, and the SQL twin of discloseCount() for counts published straight from SQL (area features, vector tiles,
-- area exports). Both must agree: api/population/disclosure.test.ts and tests/api/privacy-suppression.test.ts check it.
CREATE TABLE disclosure_secret (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  secret text NOT NULL
);
INSERT INTO disclosure_secret (secret) VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- The count as published: 0 stays 0, 1–9 is withheld (NULL), 10 and more are rounded to a multiple of 10, up with
-- probability (n mod 10) / 10, the draw fixed by the secret and the count's key.
CREATE FUNCTION disclose_count(n bigint, key text) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN n IS NULL THEN NULL
    WHEN n <= 0 THEN 0
    WHEN n < 10 THEN NULL
    WHEN n % 10 = 0 THEN n::integer
    ELSE (n - n % 10 + CASE WHEN
      ('x' || substr(md5((SELECT secret FROM disclosure_secret) || '|' || key), 1, 12))::bit(48)::bigint::float8 / 281474976710656.0
        < (n % 10)::float8 / 10 THEN 10 ELSE 0 END)::integer
  END
$$;
