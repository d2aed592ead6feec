// The one upload receiver: one file per request (multipart), held in memory, with per-route limits and one
// mapping of what can go wrong — too large → 413 naming the limit; the file in another field, more than one
// file, too many fields, no file at all or a NUL in a field or the file name → 400 saying what to send.
// A refused upload reaches no handler, so it changes nothing.
import type { Request, Response } from 'express';
import multer from 'multer';
import { m, type Message } from '../../contract/messages/index.js';
import { HttpError, Invalid } from './errors.js';
import { refuseNul } from './route.js';

export interface UploadSpec {
  /** The multipart field that carries the file. */
  field: string;
  maxBytes: number;
  /** Text fields allowed beside the file (default 5). */
  fields?: number;
  /** What the file is, in messages (default: a file). */
  noun?: Message;
}

export type UploadedFile = Express.Multer.File;

/** A receiver for one route: resolves the uploaded file, or rejects with a 4xx HttpError. */
export function fileUpload(spec: UploadSpec): (req: Request, res: Response) => Promise<UploadedFile> {
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: spec.maxBytes, files: 1, fields: spec.fields ?? 5 },
  }).single(spec.field);
  return (req, res) =>
    new Promise((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (err) return reject(uploadError(spec, err));
        try {
          refuseNul(req.body, 'body');
          const file = (req as Request & { file?: UploadedFile }).file;
          if (!file) throw new Invalid(missingMessage(spec));
          refuseNul(file.originalname, 'fileName');
          resolve(file);
        } catch (e) {
          reject(e);
        }
      }),
    );
}

const nounOf = (spec: UploadSpec) => spec.noun ?? m('upload.noun.file');

const missingMessage = (spec: UploadSpec) => m('upload.missing', { noun: nounOf(spec), field: spec.field });

/** multer's errors as the answers a client can act on. */
export function uploadError(spec: UploadSpec, err: unknown): HttpError {
  const { code, field } = err as { code?: string; field?: string };
  const noun = nounOf(spec);
  const mb = Math.round((spec.maxBytes / 1024 / 1024) * 10) / 10;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return new HttpError(413, 'too_large', m('upload.tooLarge', { noun, mb }));
    case 'LIMIT_UNEXPECTED_FILE':
      if (field === spec.field) return new Invalid(m('upload.oneAtATime', { noun }));
      return new Invalid(m('upload.wrongField', { noun, field: spec.field, got: field ?? '?' }));
    case 'LIMIT_FILE_COUNT':
      return new Invalid(m('upload.oneAtATime', { noun }));
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_PART_COUNT':
      return new Invalid(m('upload.tooManyFields', { max: spec.fields ?? 5 }));
    default:
      return new Invalid(m('upload.malformed', { reason: (err as Error).message }));
  }
}
