import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, errorText, request, setMessageLanguage } from './client';

/** A 409 as the server sends it: text in the request's language, and the code with its parameters. */
const conflictBody = {
  error: {
    code: 'conflict',
    message: '须先核查通过才能销号 / review must pass before close-out',
    messageKey: 'orders.conflict',
    params: { reason: { key: 'orders.refuse.reviewBeforeClose' } },
  },
};

function answer(status: number, body: unknown) {
  vi.stubGlobal('window', { location: { origin: 'http://localhost' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setMessageLanguage(() => 'zh-CN');
});

describe('errors from the server', () => {
  it('render by their code in the language on screen, never as the text the server sent', async () => {
    answer(409, conflictBody);
    let lang: 'zh-CN' | 'en' = 'zh-CN';
    setMessageLanguage(() => lang);
    const e = await request('/api/orders/1/actions').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toBe('须先核查通过才能销号');
    expect(errorText(e, 'en')).toBe('review must pass before close-out');
    lang = 'en';
    expect((e as ApiError).message).toBe('review must pass before close-out');
    expect((e as ApiError).message).not.toMatch(/\//);
  });

  it('fall back to the text sent when the code is unknown', async () => {
    answer(400, { error: { code: 'bad', message: 'plain text', messageKey: 'no.such.key' } });
    const e = await request('/x').catch((x: unknown) => x);
    expect(errorText(e)).toBe('plain text');
    expect((e as ApiError).msg).toBeNull();
  });
});
