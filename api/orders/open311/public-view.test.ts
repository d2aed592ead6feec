import { describe, expect, it } from 'vitest';
import type { PublicOrderRow } from './queries.js';
import { maskMobiles, open311Status, statusNotes, toCst, toOpen311Request } from './public-view.js';

const row: PublicOrderRow = {
  id: 42, categoryCode: 'FAC-01', status: 'dispatched', description: '路灯不亮，联系 139-8765-4321', lon: 121.47, lat: 31.23,
  reportedAt: '2026-03-01T16:30:00.000Z', deadline: '2026-03-04T16:30:00.000Z', leadDept: 'urban_mgmt', mediaUrl: null,
  updatedAt: '2026-03-01T17:00:00.000Z', lastAction: 'dispatch', lastReason: null,
};

describe('toCst', () => {
  it('writes W3C datetimes in China Standard Time, across midnight', () => {
    expect(toCst('2026-03-01T16:30:00.123Z')).toBe('2026-03-02T00:30:00+08:00');
    expect(toCst(new Date('2026-12-31T23:59:59Z'))).toBe('2027-01-01T07:59:59+08:00');
  });
});

describe('open311Status', () => {
  it('calls closed, cancelled and duplicate closed, and everything else open', () => {
    expect(['closed', 'cancelled', 'duplicate'].map((s) => open311Status(s as never))).toEqual(['closed', 'closed', 'closed']);
    expect(['reported', 'resolved', 'on_hold', 'returned'].map((s) => open311Status(s as never))).toEqual(['open', 'open', 'open', 'open']);
  });
});

describe('the public view of an order', () => {
  it('has the spec fields, the lead department by name and no reporter', () => {
    const r = toOpen311Request(row);
    expect(r).toMatchObject({
      service_request_id: '42', status: 'open', service_name: '路灯损坏', service_code: 'FAC-01', agency_responsible: '区城管执法局',
      requested_datetime: '2026-03-02T00:30:00+08:00', updated_datetime: '2026-03-02T01:00:00+08:00', expected_datetime: '2026-03-05T00:30:00+08:00',
      lat: 31.23, long: 121.47, media_url: '', address: '',
    });
    expect(r.status_notes).toMatch(/已派单/);
  });

  it('masks mobile numbers typed into free text', () => {
    expect(toOpen311Request(row).description).toBe('路灯不亮，联系 139****4321');
    expect(maskMobiles('+86 13912345678 或 13800001111；订单号 213912345678 不动')).toBe('139****5678 或 138****1111；订单号 213912345678 不动');
  });

  it('explains the last change with its reason, or its label alone', () => {
    expect(statusNotes('hold', '等待业主配合 13912345678')).toBe('已挂起 / on hold：等待业主配合 139****5678');
    expect(statusNotes('report', null)).toBe('已登记 / reported');
    expect(statusNotes(null, null)).toBe('');
  });

  it('leaves the agency empty until the order is dispatched', () => {
    expect(toOpen311Request({ ...row, leadDept: null }).agency_responsible).toBe('');
  });
});
