// Typed fetch wrapper for the Gridwall API: same-origin cookie auth, JSON in and out,
// and one error type carrying the server's { error: { code, message, details } }.
import type { ErrorBody } from '@contract/auth';
import { isMessage, renderMessage, type Lang, type Message } from '@contract/messages/index';

let screenLang: () => Lang = () => 'zh-CN';
/** Where the language on screen is read from: the server's messages are rendered in it, by their code. */
export function setMessageLanguage(get: () => Lang): void {
  screenLang = get;
}

/** A server message in the language on screen: by its code when it has one, else the text it sent. */
export function serverText(
  body: { message?: string; messageKey?: string; params?: unknown } | undefined,
  fallback: string,
): string {
  const msg = serverMessage(body);
  if (msg) return renderMessage(msg, screenLang());
  return body?.message ?? fallback;
}

/** The server's message as a code with parameters, when the error body carries one it knows. */
export function serverMessage(body: { messageKey?: string; params?: unknown } | undefined): Message | null {
  const msg = { key: body?.messageKey, params: body?.params } as Message;
  return isMessage(msg) ? msg : null;
}

export class ApiError extends Error {
  /** The message by its code: `message` renders it in the language on screen each time it is read. */
  readonly msg: Message | null;
  /** The same, as the phone's outbox keeps it to render a refusal again in another language. */
  get said(): Message | undefined {
    return this.msg ?? undefined;
  }
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    msg: Message | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.msg = msg;
    if (msg) {
      Object.defineProperty(this, 'message', {
        get: () => renderMessage(msg, screenLang()),
        enumerable: false,
        configurable: true,
      });
    }
  }
}

/** An error's text in a language: a server code rendered there, else the error's own text. */
export function errorText(e: unknown, lang: Lang = screenLang()): string {
  if (e instanceof ApiError && e.msg) return renderMessage(e.msg, lang);
  return e instanceof Error ? e.message : String(e);
}

type UnauthorizedHandler = (error: ApiError) => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Called with every 401 (except on the login call itself): the app sends the user back to /login. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  /** Do not route to /login on 401 (login and the session probe handle it themselves). */
  quiet401?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  // FormData (photo uploads) sets its own multipart Content-Type with the boundary.
  const form = options.body instanceof FormData;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': screenLang(),
    ...options.headers,
  };
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', (cause as Error).message || 'network error');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const body = (data as Partial<ErrorBody> | undefined)?.error;
    const error = new ApiError(
      response.status,
      body?.code ?? `http_${response.status}`,
      serverText(body, response.statusText),
      body?.details,
      serverMessage(body),
    );
    if (response.status === 401 && !options.quiet401) onUnauthorized?.(error);
    throw error;
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
