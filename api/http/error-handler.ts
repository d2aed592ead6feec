// Maps thrown errors to JSON responses; unknown errors become 500 without leaking internals.
import type { NextFunction, Request, Response } from 'express';
import { HttpError, TooMany } from './errors.js';

// Connection-level failures: the database is restarting or unreachable → 503, retry later.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

/**
 * A body parser's own refusal (too many parameters, an unsupported charset, an aborted or mis-sized body):
 * its status and a message in both languages, or null for anything else.
 */
export function parserRefusal(err: unknown): { status: number; message: string } | null {
  const e = err as { status?: number; expose?: boolean; type?: string };
  if (!e || typeof e !== 'object' || !e.expose || typeof e.status !== 'number' || e.status < 400 || e.status >= 500 || typeof e.type !== 'string') return null;
  const messages: Record<string, string> = {
    'entity.too.large': '请求体过大 / request body too large',
    'entity.parse.failed': '请求体格式错误 / malformed request body',
    'parameters.too.many': '参数过多 / too many parameters in the request body',
    'charset.unsupported': '不支持的字符集 / unsupported charset',
    'encoding.unsupported': '不支持的内容编码 / unsupported content encoding',
    'request.aborted': '请求中断 / request aborted',
    'request.size.invalid': '请求体长度与声明不符 / request body size does not match its length',
  };
  return { status: e.status, message: messages[e.type] ?? '请求无效 / invalid request' };
}

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
    const refused = parserRefusal(err);
    if (refused) {
      res.status(refused.status).json({ error: { code: refused.status === 413 ? 'too_large' : 'invalid', message: refused.message } });
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
