// The typed errors every feature throws, mapped in one place to `{ error: { code, message, details } }`.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class Invalid extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, 'invalid', message, details);
  }
}
export class Unauthorized extends HttpError {
  constructor(message = '请先登录 / please log in') {
    super(401, 'unauthorized', message);
  }
}
export class Forbidden extends HttpError {
  constructor(message = '无权访问 / not allowed for this account') {
    super(403, 'forbidden', message);
  }
}
export class NotFound extends HttpError {
  constructor(message = '未找到 / not found') {
    super(404, 'not_found', message);
  }
}
export class Conflict extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}
export class TooMany extends HttpError {
  constructor(message: string, readonly retryAfterS: number) {
    super(429, 'too_many', message, { retryAfterS });
  }
}
export class Unavailable extends HttpError {
  constructor(message = '数据库暂不可用，请稍后重试 / database unavailable, retry shortly') {
    super(503, 'unavailable', message);
  }
}
