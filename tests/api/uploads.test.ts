// Every upload route goes through one receiver: a file over the route's limit gets 413 naming the limit, a
// file in the wrong field, a second file or no file gets 400 saying which field to use, and none of them
// changes anything.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
const tokens: Record<string, string> = {};

const ROUTES = [
  { path: '/api/resources/import', field: 'file', mb: 5, user: 'planner', tables: ['resources'] },
  {
    path: '/api/imports',
    field: 'file',
    mb: 50,
    user: 'admin',
    tables: ['imports', 'areas'],
    fields: { level: 'community' },
  },
  { path: '/api/photos', field: 'photo', mb: 5, user: 'worker1', tables: ['photos'] },
  { path: '/api/evaluation/import', field: 'file', mb: 10, user: 'admin', tables: ['eval_responses'] },
  {
    path: '/api/population/import',
    field: 'file',
    mb: 30,
    user: 'admin',
    tables: ['residents'],
    fields: { mode: 'append' },
  },
  { path: '/api/needs/import', field: 'file', mb: 30, user: 'admin', tables: ['survey_imports', 'survey_responses'] },
] as const;

type Spec = (typeof ROUTES)[number];

async function counts(s: Spec): Promise<number[]> {
  return Promise.all(
    s.tables.map(async (table) =>
      Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n),
    ),
  );
}

/**
 * Posts the form on a connection of its own (closed after the answer): a pooled keep-alive socket left idle while
 * the database is counted can be closed by the server just as the next request reuses it.
 */
async function send(s: Spec, files: { field: string; bytes: number }[]): Promise<{ status: number; text: string }> {
  const fd = new FormData();
  for (const [k, v] of Object.entries('fields' in s ? s.fields : {})) fd.append(k, v);
  for (const f of files) fd.append(f.field, new Blob([new Uint8Array(f.bytes)]), 'data.csv');
  const form = new Request(t.url, { method: 'POST', body: fd });
  const body = Buffer.from(await form.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = http.request(
      t.url + s.path,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${tokens[s.user]}`,
          'accept-language': 'en',
          'content-type': form.headers.get('content-type')!,
          'content-length': body.length,
          connection: 'close',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function refused(
  s: Spec,
  files: { field: string; bytes: number }[],
): Promise<{ status: number; message: string; key?: string }> {
  const before = await counts(s);
  const r = await send(s, files);
  const body = JSON.parse(r.text) as { error: { message: string; messageKey?: string } };
  expect(await counts(s)).toEqual(before);
  return { status: r.status, message: body.error.message, key: body.error.messageKey };
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of new Set(ROUTES.map((s) => s.user))) tokens[u] = await t.login(u);
});
afterAll(() => t.close());

describe.each(ROUTES)('uploads to $path', (s) => {
  it(`refuses a file over ${s.mb} MB with 413 naming the limit`, async () => {
    const r = await refused(s, [{ field: s.field, bytes: s.mb * 1024 * 1024 + 1 }]);
    expect(r.status).toBe(413);
    expect(r.key).toBe('upload.tooLarge');
    expect(r.message).toContain(`${s.mb} MB`);
  });

  it(`refuses a file in another field with 400 naming "${s.field}"`, async () => {
    const r = await refused(s, [{ field: 'upload', bytes: 10 }]);
    expect(r.status).toBe(400);
    expect(r.key).toBe('upload.wrongField');
    expect(r.message).toContain(`"${s.field}"`);
    expect(r.message).toContain('"upload"');
  });

  it('refuses two files, and none, with 400', async () => {
    const two = await refused(s, [
      { field: s.field, bytes: 10 },
      { field: s.field, bytes: 10 },
    ]);
    expect(two.status).toBe(400);
    expect(two.key).toBe('upload.oneAtATime');
    expect(two.message).toMatch(/one .* at a time/);
    const none = await refused(s, []);
    expect(none.status).toBe(400);
    expect(none.key).toBe('upload.missing');
    expect(none.message).toContain(`multipart field "${s.field}"`);
  });
});
