// The typed errors every feature throws, mapped in one place to
// `{ error: { code, message, messageKey, params, details } }`: `message` in the request's language,
// `messageKey` and `params` for clients that render it themselves (the web, in the language on screen).
import { bilingual, m, type Message } from '../../contract/messages/index.js';

/** What an error says: always a message from the catalogue (contract/messages), never free text. */
export type ErrorText = Message;

export class HttpError extends Error {
  readonly text: ErrorText;
  constructor(
    readonly status: number,
    readonly code: string,
    text: ErrorText,
    readonly details?: unknown,
  ) {
    super(bilingual(text)); // logs read both languages
    this.text = text;
  }
}

export class Invalid extends HttpError {
  constructor(text: ErrorText, details?: unknown) {
    super(400, 'invalid', text, details);
  }
}
export class Unauthorized extends HttpError {
  constructor(text: ErrorText = m('common.unauthorized')) {
    super(401, 'unauthorized', text);
  }
}
export class Forbidden extends HttpError {
  constructor(text: ErrorText = m('common.forbidden')) {
    super(403, 'forbidden', text);
  }
}
export class NotFound extends HttpError {
  constructor(text: ErrorText = m('common.notFound')) {
    super(404, 'not_found', text);
  }
}
export class Conflict extends HttpError {
  constructor(text: ErrorText, details?: unknown) {
    super(409, 'conflict', text, details);
  }
}
export class TooMany extends HttpError {
  constructor(
    text: ErrorText,
    readonly retryAfterS: number,
  ) {
    super(429, 'too_many', text, { retryAfterS });
  }
}
export class Unavailable extends HttpError {
  constructor(text: ErrorText = m('common.unavailable')) {
    super(503, 'unavailable', text);
  }
}
