// Writes Open311 bodies in the format the path asks for (.json or .xml), and errors as the spec's
// `[{"code":400,"description":"…"}]` / `<errors><error><code/><description/></error></errors>`.
import type { NextFunction, Request, Response } from 'express';
import { langOf, renderMessage } from '../../../contract/messages/index.js';
import { parserRefusal } from '../../http/error-handler.js';
import { HttpError, TooMany } from '../../http/errors.js';
import type { Format } from './schemas.js';
import { toXml } from './xml.js';

export const XML_TYPE = 'text/xml; charset=utf-8';
export const OPEN311_PREFIX = '/open311/';

/** The format of a path; an unknown extension answers in JSON. */
export const formatOfPath = (path: string): Format => (/\.xml$/i.test(path) ? 'xml' : 'json');

/** What a route() handler returns: the JSON body as is, or its XML rendering as a Buffer. */
export function reply(res: Response, format: Format, root: string, body: unknown): unknown {
  if (format === 'json') return body;
  res.type(XML_TYPE);
  return Buffer.from(toXml(root, body), 'utf8');
}

export function sendError(res: Response, format: Format, status: number, description: string): void {
  const body = [{ code: status, description }];
  res.status(status);
  if (format === 'json') res.json(body);
  else res.type(XML_TYPE).send(toXml('errors', body));
}

/**
 * Errors under /open311/ in the spec's shape, including those raised before the router runs (a
 * malformed JSON body). Anything else, a 5xx, passes on to the app's handler, which logs it.
 */
export function open311Errors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith(OPEN311_PREFIX) || res.headersSent) return next(err);
  const format = formatOfPath(req.path);
  const lang = langOf(req.headers['accept-language']);
  const refused = parserRefusal(err);
  if (err instanceof TooMany) res.setHeader('Retry-After', String(err.retryAfterS));
  if (err instanceof HttpError && err.status < 500) {
    sendError(res, format, err.status, renderMessage(err.text, lang));
  } else if (refused) sendError(res, format, refused.status, renderMessage(refused.message, lang));
  else next(err);
}
