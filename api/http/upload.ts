// One uploaded file per request (multipart), held in memory, with multer's limit errors turned into clear
// 4xx answers: too large → 413 naming the limit, anything malformed (a NUL in a field or the file name too) → 400.
import type { Request, Response } from 'express';
import multer from 'multer';
import { HttpError, Invalid } from './errors.js';
import { refuseNul } from './route.js';

export function fileUpload(opts: { field: string; maxBytes: number; fields?: number }): (req: Request, res: Response) => Promise<void> {
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: opts.maxBytes, files: 1, fields: opts.fields ?? 5 } }).single(opts.field);
  const mb = opts.maxBytes / 1024 / 1024;
  return (req, res) =>
    new Promise((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (!err) {
          try {
            refuseNul(req.body, 'body');
            refuseNul(req.file?.originalname ?? '', 'fileName');
          } catch (e) {
            return reject(e);
          }
          return resolve();
        }
        if ((err as { code?: string }).code === 'LIMIT_FILE_SIZE') return reject(new HttpError(413, 'too_large', `文件不超过 ${mb} MB / the file is at most ${mb} MB`));
        reject(new Invalid(`上传格式错误 / malformed upload: ${(err as Error).message}`));
      }),
    );
}
