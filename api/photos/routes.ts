// HTTP: POST /api/photos (multipart field `photo`, JPEG/PNG/WebP up to 5 MB, checked by content) and
// GET /api/photos/:id (the uploader, or anyone whose scope holds an order that shows it).
import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { HttpError, Invalid, NotFound, TooMany } from '../http/errors.js';
import { route } from '../http/route.js';
import { sniffImage } from './content-type.js';
import { type PhotoLimits, unattachedOf } from './retention.js';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 } }).single('photo');

/** Runs multer and turns its limit errors into clear 4xx answers. */
function receive(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) =>
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE') return reject(new HttpError(413, 'too_large', '照片不超过 5 MB / a photo is at most 5 MB'));
      reject(new Invalid(`上传格式错误 / malformed upload: ${(err as Error).message}`));
    }),
  );
}

export function photoRoutes(db: Db, limits: PhotoLimits): Router {
  const r = Router();
  route(r, {
    method: 'post',
    path: '/api/photos',
    tag: 'photos',
    access: ['admin', 'operator', 'dispatcher', 'supervisor', 'grid_worker'],
    summary: 'Upload a photo (multipart field "photo"; JPEG, PNG or WebP, ≤ 5 MB)',
    response: z.object({ id: z.string(), contentType: z.string(), size: z.number() }),
    status: 201,
    errors: {
      413: 'the photo, or the photos you hold unattached, are too large',
      415: 'not a JPEG, PNG or WebP image',
      429: 'you hold too many unattached photos',
    },
  }, async ({ req, res, user }) => {
    await receive(req, res);
    const file = (req as Request & { file?: Express.Multer.File }).file;
    if (!file) throw new Invalid('缺少照片：表单字段应为 photo / no photo: send it in the multipart field "photo"');
    const type = sniffImage(file.buffer);
    if (!type) throw new HttpError(415, 'unsupported_media_type', '只接受 JPEG、PNG 或 WebP 图片（按内容识别）/ only JPEG, PNG or WebP images are accepted (checked by content)');
    const id = crypto.randomBytes(16).toString('hex');
    const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
    await db.tx(async (q) => {
      // One upload at a time per account, so that two at once cannot both pass the quota.
      await q.query(/* sql */ `SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE`, [user!.id]);
      const held = await unattachedOf(q, user!.id, limits.unattachedHours);
      if (limits.quotaCount > 0 && held.count + 1 > limits.quotaCount) {
        throw new TooMany(`未关联工单的照片已达 ${limits.quotaCount} 张，请先提交上报或等待 ${limits.unattachedHours} 小时后自动清理 / you hold ${limits.quotaCount} photos not attached to any report: attach them first, or wait until unattached photos are removed after ${limits.unattachedHours} h`, Math.max(1, held.freesInS));
      }
      if (limits.quotaBytes > 0 && held.bytes + file.size > limits.quotaBytes) {
        const mb = Math.round((limits.quotaBytes / 1024 / 1024) * 10) / 10;
        throw new HttpError(413, 'too_large', `未关联工单的照片合计不超过 ${mb} MB / the photos you hold unattached to any report may total at most ${mb} MB`);
      }
      await q.query(/* sql */ `INSERT INTO photos (id, content_type, bytes, size, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [id, type, file.buffer, file.size, sha256, user!.id]);
    });
    return { id, contentType: type, size: file.size };
  });

  route(r, {
    method: 'get',
    path: '/api/photos/:id',
    tag: 'photos',
    access: 'any',
    summary: 'A photo you uploaded or that belongs to an order in your scope',
    params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'photo id is 32 hex digits') }),
    produces: 'image/*',
    errors: { 404: 'no such photo in your scope' },
  }, async ({ params, user, res }) => {
    const p = await db.query<{ contentType: string; bytes: Buffer }>(
      /* sql */ `SELECT content_type AS "contentType", bytes FROM photos p
        WHERE p.id = $1 AND (p.uploaded_by = $2 OR EXISTS (SELECT 1 FROM orders o WHERE $1 = ANY(o.photos) AND o.area_path LIKE $3 || '%'))`,
      [params.id, user!.id, user!.areaPath],
    );
    const row = p.rows[0];
    if (!row) throw new NotFound('照片不存在或无权查看 / photo not found in your scope');
    res.setHeader('Content-Type', row.contentType);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    return Buffer.from(row.bytes);
  });
  return r;
}

