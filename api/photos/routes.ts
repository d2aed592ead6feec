// HTTP: POST /api/photos (multipart field `photo`, JPEG/PNG/WebP up to 5 MB, checked by content) and
// GET /api/photos/:id (the uploader, or anyone whose scope holds an order that shows it: in its report, or in a fix
// or progress note on its timeline; a department account only its department's orders).
import { departmentOf } from '../orders/parties.js';
import crypto from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { HttpError, NotFound, TooMany } from '../http/errors.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import { sniffImage } from './content-type.js';
import { type PhotoLimits, unattachedOf } from './retention.js';
import { m } from '../../contract/messages/index.js';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const receive = fileUpload({ field: 'photo', maxBytes: MAX_PHOTO_BYTES, noun: m('upload.noun.photo') });

const AGREEMENT_READERS: readonly string[] = ['admin', 'operator', 'dispatcher', 'grid_worker'];

export function photoRoutes(db: Db, limits: PhotoLimits): Router {
  const r = Router();
  route(
    r,
    {
      method: 'post',
      path: '/api/photos',
      tag: 'photos',
      access: ['admin', 'operator', 'dispatcher', 'supervisor', 'grid_worker', 'department'],
      summary: 'Upload a photo (multipart field "photo"; JPEG, PNG or WebP, ≤ 5 MB)',
      response: z.object({ id: z.string(), contentType: z.string(), size: z.number() }),
      status: 201,
      errors: {
        413: 'the photo, or the photos you hold unattached, are too large',
        415: 'not a JPEG, PNG or WebP image',
        429: 'you hold too many unattached photos',
      },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      const type = sniffImage(file.buffer);
      if (!type) throw new HttpError(415, 'unsupported_media_type', m('photos.unsupportedType'));
      const id = crypto.randomBytes(16).toString('hex');
      const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
      await db.tx(async (q) => {
        // One upload at a time per account, so that two at once cannot both pass the quota.
        await q.query(/* sql */ `SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE`, [user!.id]);
        const held = await unattachedOf(q, user!.id, limits.unattachedHours);
        if (limits.quotaCount > 0 && held.count + 1 > limits.quotaCount) {
          throw new TooMany(
            m('photos.quotaCount', { count: limits.quotaCount, hours: limits.unattachedHours }),
            Math.max(1, held.freesInS),
          );
        }
        if (limits.quotaBytes > 0 && held.bytes + file.size > limits.quotaBytes) {
          const mb = Math.round((limits.quotaBytes / 1024 / 1024) * 10) / 10;
          throw new HttpError(413, 'too_large', m('photos.quotaBytes', { mb }));
        }
        await q.query(
          /* sql */ `INSERT INTO photos (id, content_type, bytes, size, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, type, file.buffer, file.size, sha256, user!.id],
        );
      });
      return { id, contentType: type, size: file.size };
    },
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/photos/:id',
      tag: 'photos',
      access: 'any',
      summary: 'A photo you uploaded, or of an order in your scope (its report, a fix or a progress note)',
      params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'photo id is 32 hex digits') }),
      produces: 'image/*',
      errors: { 404: 'no such photo in your scope' },
    },
    async ({ params, user, res }) => {
      const p = await db.query<{ contentType: string; bytes: Buffer }>(
        /* sql */ `SELECT content_type AS "contentType", bytes FROM photos p
        WHERE p.id = $1 AND (p.uploaded_by = $2
          OR EXISTS (SELECT 1 FROM orders o WHERE o.area_path LIKE $3 || '%'
            AND ($4::text IS NULL OR o.holder_dept = $4 OR o.lead_dept = $4
              OR EXISTS (SELECT FROM order_assists x WHERE x.order_id = o.id AND x.dept = $4))
            AND ($1 = ANY(o.photos) OR EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id
              AND e.action IN ('resolve', 'start', 'note') AND (e.data -> 'photos') ? $1)))
          OR ($5 AND EXISTS (SELECT 1 FROM mediations md WHERE $1 = ANY(md.agreement_photos) AND md.area_path LIKE $3 || '%')))`,
        // A signed mediation agreement names its parties: only staff who handle cases read it, not planners or walls.
        [params.id, user!.id, user!.areaPath, departmentOf(user!), AGREEMENT_READERS.includes(user!.role)],
      );
      const row = p.rows[0];
      if (!row) throw new NotFound(m('photos.notFound'));
      res.setHeader('Content-Type', row.contentType);
      res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
      return Buffer.from(row.bytes);
    },
  );
  return r;
}
