import { describe, expect, it } from 'vitest';
import { localDistance, offsetBy } from '../../../core/geo/index.js';
import type { PublicOrderRow } from './queries.js';
import { open311Status, publicPlace, snapToLattice, statusNotes, toCst, toOpen311Request } from './public-view.js';

const row: PublicOrderRow = {
  id: 42,
  categoryCode: 'FAC-01',
  status: 'dispatched',
  publicText: null,
  lon: 121.47,
  lat: 31.23,
  reportedAt: '2026-03-01T16:30:00.000Z',
  deadline: '2026-03-04T16:30:00.000Z',
  leadDept: 'urban_mgmt',
  updatedAt: '2026-03-01T17:00:00.000Z',
  lastAction: 'dispatch',
};
const metres = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
  localDistance([a.lon, a.lat], [b.lon, b.lat]);

describe('toCst', () => {
  it('writes W3C datetimes in China Standard Time, across midnight', () => {
    expect(toCst('2026-03-01T16:30:00.123Z')).toBe('2026-03-02T00:30:00+08:00');
    expect(toCst(new Date('2026-12-31T23:59:59Z'))).toBe('2027-01-01T07:59:59+08:00');
  });
});

describe('open311Status', () => {
  it('calls closed, cancelled and duplicate closed, and everything else open', () => {
    expect(['closed', 'cancelled', 'duplicate'].map((s) => open311Status(s as never))).toEqual([
      'closed',
      'closed',
      'closed',
    ]);
    expect(['reported', 'resolved', 'on_hold', 'returned'].map((s) => open311Status(s as never))).toEqual([
      'open',
      'open',
      'open',
      'open',
    ]);
  });
});

describe('the public view of an order', () => {
  it('has the spec fields, the lead department by name and no reporter', () => {
    const r = toOpen311Request(row);
    expect(r).toMatchObject({
      service_request_id: '42',
      status: 'open',
      service_name: '路灯损坏',
      service_code: 'FAC-01',
      agency_responsible: '区城管执法局',
      requested_datetime: '2026-03-02T00:30:00+08:00',
      updated_datetime: '2026-03-02T01:00:00+08:00',
      expected_datetime: '2026-03-05T00:30:00+08:00',
      lat: 31.23,
      long: 121.47,
      media_url: '',
      address: '',
    });
    expect(r.status_notes).toMatch(/已派单/);
  });

  it('has no free text but the published public text, and no media', () => {
    expect(toOpen311Request(row)).toMatchObject({ description: '', media_url: '' });
    expect(toOpen311Request({ ...row, publicText: '路灯已修复' }).description).toBe('路灯已修复');
  });

  it('explains the last change by its label alone, never by its reason', () => {
    expect(statusNotes('hold')).toBe('已挂起');
    expect(statusNotes('hold', 'en')).toBe('on hold');
    expect(statusNotes('report', 'en')).toBe('reported');
    expect(statusNotes(null)).toBe('');
  });

  it('leaves the agency empty until the order is dispatched', () => {
    expect(toOpen311Request({ ...row, leadDept: null }).agency_responsible).toBe('');
  });
});

describe('the public place', () => {
  it("is the point the query gave (the grid's label point) at grid precision", () => {
    expect(publicPlace({ lon: 121.47, lat: 31.23 }, 'grid')).toEqual({ lon: 121.47, lat: 31.23 });
  });

  it('is the centre of the lattice cell at a precision in metres: within half a diagonal, the same for the whole cell', () => {
    const p = { lon: 121.451713, lat: 31.256213 };
    const c = snapToLattice(p.lon, p.lat, 250);
    expect(metres(c, p)).toBeLessThanOrEqual(250 * Math.SQRT1_2 + 1);
    expect(snapToLattice(c.lon, c.lat, 250)).toEqual(c);
    // Two points 20 m apart land on one centre or on two centres 250 m apart, never anywhere in between.
    const q = snapToLattice(offsetBy(p.lon, p.lat, 20, 0)[0], p.lat, 250);
    expect([0, 250].some((d) => Math.abs(metres(c, q) - d) < 2)).toBe(true);
    expect(toOpen311Request({ ...row, ...p }, 250)).toMatchObject({ lat: c.lat, long: c.lon });
  });
});
