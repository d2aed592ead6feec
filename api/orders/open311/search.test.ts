import { describe, expect, it } from 'vitest';
import { parseW3c, requestFilterOf } from './search.js';

const now = new Date('2026-04-20T02:00:00Z');

describe('requestFilterOf', () => {
  it('defaults to the 90 days before now, at most 1000 requests', () => {
    expect(requestFilterOf({}, now)).toEqual({
      categoryCodes: undefined,
      statuses: undefined,
      from: '2026-01-20T02:00:00.000Z',
      to: '2026-04-20T02:00:00.000Z',
      limit: 1000,
    });
  });

  it('extends a lone start or end by 90 days', () => {
    expect(requestFilterOf({ start_date: '2026-01-01T00:00:00Z' }, now)).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(requestFilterOf({ end_date: '2026-04-01T00:00:00+08:00' }, now)).toMatchObject({
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
  });

  it('takes a bare date as a whole day in China Standard Time', () => {
    expect(parseW3c('start_date', '2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseW3c('end_date', '2026-03-01', true).toISOString()).toBe('2026-03-01T15:59:59.999Z');
  });

  it('maps open and closed to order statuses', () => {
    expect(requestFilterOf({ status: ['closed'] }, now).statuses).toEqual(['closed', 'cancelled', 'duplicate']);
    expect(requestFilterOf({ status: ['open'] }, now).statuses).not.toContain('closed');
    expect(requestFilterOf({ status: ['open', 'closed'] }, now).statuses).toBeUndefined();
  });

  it('lets ids override every other filter', () => {
    expect(requestFilterOf({ service_request_id: ['3', '12'], status: ['closed'], start_date: 'bad' }, now)).toEqual({
      ids: [3, 12],
      limit: 1000,
    });
  });

  it('refuses bad values with a message', () => {
    expect(() => requestFilterOf({ start_date: '01/02/2026' }, now)).toThrow(/W3C datetime/);
    expect(() =>
      requestFilterOf({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-02T00:00:00Z' }, now),
    ).toThrow(/90 days/);
    expect(() => requestFilterOf({ service_code: ['SAN-01', 'BAD'] }, now)).toThrow(/BAD not found/);
    expect(() => requestFilterOf({ service_request_id: ['0'] }, now)).toThrow(/not a valid id/);
    expect(() => requestFilterOf({ status: ['opened'] }, now)).toThrow(/open or closed/);
  });
});
