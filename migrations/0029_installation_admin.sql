-- An installation may hold no area at all: an administrator's account then covers the whole installation
-- (area_id NULL, scope path '/'), and only administrators may hold such a scope.
ALTER TABLE accounts ALTER COLUMN area_id DROP NOT NULL;
ALTER TABLE accounts ADD CONSTRAINT accounts_whole_installation_admin CHECK (area_id IS NOT NULL OR role = 'admin');
