// Maps thrown errors to JSON responses; unknown errors become 500 without leaking internals.
import type { NextFunction, Request, Response } from 'express';
import { HttpError, TooMany } from './errors.js';

// Connection-level failures: the database is restarting or unreachable → 503, retry later.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

export function errorHandler(log: (msg: string) => void) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err as { status?: number; type?: string; code?: string; message?: string };
    if (err instanceof HttpError) {
      if (err instanceof TooMany) res.setHeader('Retry-After', String(err.retryAfterS));
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: '请求体过大 / request body too large' } });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid', message: 'JSON 格式错误 / malformed JSON body' } });
      return;
    }
    if ((e.code && UNAVAILABLE_CODES.has(e.code)) || /Connection terminated|terminating connection|the database system is (starting|shutting)/.test(e.message ?? '')) {
      res.status(503).json({ error: { code: 'unavailable', message: '数据库暂不可用 / database unavailable' } });
      return;
    }
    log(`unhandled error: ${e.message ?? String(err)}`);
    res.status(500).json({ error: { code: 'internal', message: '服务器内部错误 / internal error' } });
  };
}
