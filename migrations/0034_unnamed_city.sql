-- An installation started empty before the city could be unnamed: its default name marks it so, and it is then
-- called after its district while it holds one (until an administrator names it).
UPDATE city_meta SET value = value || '{"unnamed": true}'::jsonb
  WHERE key = 'city' AND value->>'name' = '城市' AND value->>'nameEn' = 'City' AND NOT (value ? 'unnamed');
