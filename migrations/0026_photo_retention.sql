-- Photos that no order, order history (a fix's photos) or visit shows are deleted after a while, and each
-- account holds only so many of them (api/photos/retention.ts): the lookups that tell whether one is shown.
CREATE INDEX IF NOT EXISTS orders_photos_idx ON orders USING gin (photos);
CREATE INDEX IF NOT EXISTS order_events_photos_idx ON order_events USING gin ((data -> 'photos')) WHERE action = 'resolve';
CREATE INDEX IF NOT EXISTS visits_photo_idx ON visits (photo_id) WHERE photo_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS photos_uploader_idx ON photos (uploaded_by, created_at);
CREATE INDEX IF NOT EXISTS photos_created_idx ON photos (created_at);
