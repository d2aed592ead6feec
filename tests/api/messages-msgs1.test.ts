// Messages as codes, for orders, workers, wall, auth, accounts and http: a refusal reaches a client as a code with
// its parameters and a text in the language its Accept-Language asks for (zh-CN by default), over HTTP and in a
// Socket.IO ack; and no source file of these domains still writes a "中文 / English" literal.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionsAck } from '../../contract/sockets.js';
import { connected } from '../helpers/sockets.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
const tokens: Record<string, string> = {};
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['dispatcher', 'worker1', 'supervisor']) tokens[u] = await t.login(u);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const ask = async (method: string, p: string, token: string, lang?: string, body?: unknown) => {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (lang) headers['accept-language'] = lang;
  const r = await fetch(t.url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, error: ((await r.json()) as Json).error as Json };
};

describe('a refusal over HTTP', () => {
  it('names an order out of reach by its code, in Chinese by default and in English when asked', async () => {
    const zh = await ask('GET', '/api/orders/999999999', tokens.dispatcher);
    expect(zh).toMatchObject({
      status: 404,
      error: { code: 'not_found', messageKey: 'orders.notFoundInScope', params: { id: 999999999 } },
    });
    expect(zh.error.message).toBe('工单 999999999 不存在或不在您的管辖范围内');
    const en = await ask('GET', '/api/orders/999999999', tokens.dispatcher, 'en-GB,en;q=0.9');
    expect(en.error).toMatchObject({
      messageKey: 'orders.notFoundInScope',
      message: 'order 999999999 not found in your scope',
    });
  });

  it("gives the state machine's refusal with what is allowed now, in either language", async () => {
    const created = await fetch(`${t.url}/api/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.dispatcher}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        categoryCode: 'SAN-01',
        description: '垃圾堆放',
        source: 'hotline_12345',
        ...(await placeInDistrict()),
      }),
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as Json).order.id as number;
    const close = { action: 'close', unreachable: false };
    const zh = await ask('POST', `/api/orders/${id}/actions`, tokens.dispatcher, undefined, close);
    expect(zh).toMatchObject({
      status: 409,
      error: { messageKey: 'orders.conflict', params: { reason: { key: 'orders.refuse.wrongStatus' } } },
    });
    expect(zh.error.message).toBe('「已上报」状态的工单不能销号');
    const en = await ask('POST', `/api/orders/${id}/actions`, tokens.dispatcher, 'en', close);
    expect(en.error.message).toBe('cannot close an order that is reported');
  });

  it('names a worker refusal by its code in both languages', async () => {
    const from = '2026-03-02T00:00:00Z';
    const q = `/api/workers/999999/trail?from=${from}&to=${from}`;
    expect((await ask('GET', q, tokens.supervisor)).error).toMatchObject({
      messageKey: 'workers.notInScope',
      message: '网格员 999999 不在您的管辖范围内',
    });
    expect((await ask('GET', q, tokens.supervisor, 'en')).error.message).toBe('grid worker 999999 not in your scope');
  });
});

async function placeInDistrict(): Promise<{ lon: number; lat: number }> {
  const r = await t.db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
  );
  return r.rows[0];
}

describe('a refusal in a Socket.IO ack', () => {
  const positions = async (token: string, lang?: string): Promise<PositionsAck> => {
    const s = connect(t.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: lang ? { 'accept-language': lang } : {},
    });
    sockets.push(s);
    await connected(s);
    return new Promise<PositionsAck>((resolve) => s.emit('positions', { points: [] }, resolve));
  };

  it('has the HTTP error shape, its text in the language of the handshake', async () => {
    const zh = await positions(tokens.worker1);
    expect(zh).toMatchObject({
      ok: false,
      error: { code: 'invalid', messageKey: 'workers.invalidBatch', params: { at: 'points' } },
    });
    expect(!zh.ok && zh.error.message).toMatch(/^定位批次无效：points /);
    const en = await positions(tokens.worker1, 'en');
    expect(!en.ok && en.error.message).toMatch(/^invalid batch: points /);
  });

  it('refuses a non-worker by code, in either language', async () => {
    const zh = await positions(tokens.supervisor);
    expect(zh).toEqual({
      ok: false,
      error: { code: 'forbidden', message: '只有网格员可上报定位', messageKey: 'workers.onlyWorkersPostPositions' },
    });
    const en = await positions(tokens.supervisor, 'en');
    expect(!en.ok && en.error.message).toBe('only grid workers post positions');
  });
});

describe('the source of these domains', () => {
  // Startup configuration errors are for the operator's log and may stay text (api/config.ts).
  const ROOTS = [
    'api/orders',
    'api/workers',
    'api/wall',
    'api/realtime',
    'api/auth',
    'api/accounts',
    'api/privacy',
    'api/app.ts',
    'geodata/orders',
    'contract/wall.ts',
  ];
  // api/http minus the upload receiver, which is being consolidated on its own.
  const HTTP_FILES = [
    'api/http/errors.ts',
    'api/http/error-handler.ts',
    'api/http/route.ts',
    'api/http/rate-limit.ts',
    'api/http/origin.ts',
    'api/http/zip.ts',
    'api/http/csv.ts',
    'api/http/openapi.ts',
    'api/http/security-headers.ts',
  ];
  const files = (p: string): string[] =>
    statSync(p).isDirectory()
      ? readdirSync(p).flatMap((f) => files(path.join(p, f)))
      : p.endsWith('.ts') && !p.endsWith('.test.ts')
        ? [p]
        : [];
  // Chinese, then " / ", then Latin text, inside one quoted literal.
  const BILINGUAL = /['`"][^'`"\n]*[\u4e00-\u9fff][^'`"\n]* \/ [^'`"\n]*[A-Za-z][^'`"\n]*['`"]/;
  const OPERATOR_LOG = /配置错误 \/ invalid configuration/;

  it('holds no bilingual "中文 / English" literal: every message is a code in contract/messages', () => {
    const found = [...ROOTS.flatMap(files), ...HTTP_FILES].flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        .filter(({ line }) => BILINGUAL.test(line) && !OPERATOR_LOG.test(line) && !/^\s*(\/\/|\*)/.test(line)),
    );
    expect(found.map((x) => `${x.at}: ${x.line.trim()}`)).toEqual([]);
  });
});
