// Maps thrown errors to JSON responses; unknown errors become 500 without leaking internals.
import type { NextFunction, Request, Response } from 'express';
import { langOf, m, renderMessage, type Lang, type Message, type MessageKey } from '../../contract/messages/index.js';
import { speak } from '../../contract/messages/speak.js';
import { HttpError, TooMany, type ErrorText } from './errors.js';

// Connection-level failures: the database is restarting or unreachable → 503, retry later.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

/**
 * A body parser's own refusal (too many parameters, an unsupported charset, an aborted or mis-sized body):
 * its status and a message in both languages, or null for anything else.
 */
export function parserRefusal(err: unknown): { status: number; message: Message } | null {
  const e = err as { status?: number; expose?: boolean; type?: string };
  if (
    !e ||
    typeof e !== 'object' ||
    !e.expose ||
    typeof e.status !== 'number' ||
    e.status < 400 ||
    e.status >= 500 ||
    typeof e.type !== 'string'
  )
    return null;
  const keys: Record<string, MessageKey> = {
    'entity.too.large': 'common.bodyTooLarge',
    'entity.parse.failed': 'common.malformedBody',
    'parameters.too.many': 'common.tooManyParameters',
    'charset.unsupported': 'common.unsupportedCharset',
    'encoding.unsupported': 'common.unsupportedEncoding',
    'request.aborted': 'common.requestAborted',
    'request.size.invalid': 'common.bodySizeMismatch',
  };
  return { status: e.status, message: m(keys[e.type] ?? 'common.invalidRequest') };
}

/** The body of an error response: the text in the request's language, and its code for clients that render it. */
export function errorBody(code: string, text: ErrorText, lang: Lang, details?: unknown) {
  // Details may hold notices of their own (the refused rows of an import): spoken in the same language.
  const spokenDetails = speak(details, lang);
  return {
    error: {
      code,
      message: renderMessage(text, lang),
      messageKey: text.key,
      params: text.params,
      details: spokenDetails,
    },
  };
}

export function errorHandler(log: (msg: string) => void) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const lang = langOf(req.headers['accept-language']);
    res.vary('Accept-Language');
    const e = err as { status?: number; type?: string; code?: string; message?: string };
    if (err instanceof HttpError) {
      if (err instanceof TooMany) res.setHeader('Retry-After', String(err.retryAfterS));
      res.status(err.status).json(errorBody(err.code, err.text, lang, err.details));
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json(errorBody('too_large', m('common.bodyTooLarge'), lang));
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('invalid', m('common.malformedJson'), lang));
      return;
    }
    const refused = parserRefusal(err);
    if (refused) {
      res
        .status(refused.status)
        .json(errorBody(refused.status === 413 ? 'too_large' : 'invalid', refused.message, lang));
      return;
    }
    if (
      (e.code && UNAVAILABLE_CODES.has(e.code)) ||
      /Connection terminated|terminating connection|the database system is (starting|shutting)/.test(e.message ?? '')
    ) {
      res.status(503).json(errorBody('unavailable', m('common.unavailable'), lang));
      return;
    }
    log(`unhandled error: ${e.message ?? String(err)}`);
    res.status(500).json(errorBody('internal', m('common.internal'), lang));
  };
}
