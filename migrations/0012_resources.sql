-- Resources get a type list, opening hours, an address and a capacity unit; a row inserted without hours gets the
-- usual hours of its type (so loaders that know only kind and capacity still give every resource its hours).
CREATE TABLE resource_kinds (
  kind text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  capacity_unit text NOT NULL,
  usual_hours text NOT NULL
);
INSERT INTO resource_kinds (kind, name_zh, name_en, capacity_unit, usual_hours) VALUES
  ('community_office', '居委会', 'Community office', '人次/日', '周一至周五 08:30-17:00'),
  ('parcel_locker', '快递柜/驿站', 'Parcel locker', '格口', '00:00-24:00'),
  ('sports', '健身点', 'Sports ground', '人', '06:00-21:00'),
  ('culture', '文化活动室', 'Culture room', '座', '09:00-20:30'),
  ('elder_station', '养老服务站', 'Elder service station', '人', '08:00-18:00'),
  ('elder_canteen', '长者食堂', 'Elder canteen', '餐/日', '10:30-13:00, 16:30-18:30'),
  ('day_care', '日间照料中心', 'Day care centre', '床位', '周一至周六 08:00-17:30'),
  ('clinic', '卫生服务站', 'Health station', '人次/日', '08:00-16:30'),
  ('market', '菜场', 'Market', '摊位', '06:00-19:00'),
  ('school', '学校', 'School', '学生', '周一至周五 07:30-17:00'),
  ('shared_hut', '共享小屋', 'Shared hut', '人', '09:00-21:00'),
  ('social_org', '社会组织', 'Social organisation', '人', '周一至周五 09:00-17:00');

ALTER TABLE resources ADD COLUMN opening_hours text;
ALTER TABLE resources ADD COLUMN address text NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE resources ADD CONSTRAINT resources_kind_fkey FOREIGN KEY (kind) REFERENCES resource_kinds (kind);
UPDATE resources r SET opening_hours = k.usual_hours FROM resource_kinds k WHERE k.kind = r.kind AND r.opening_hours IS NULL;

CREATE FUNCTION resources_usual_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.opening_hours IS NULL THEN
    SELECT usual_hours INTO NEW.opening_hours FROM resource_kinds WHERE kind = NEW.kind;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER resources_usual_hours BEFORE INSERT ON resources FOR EACH ROW EXECUTE FUNCTION resources_usual_hours();
