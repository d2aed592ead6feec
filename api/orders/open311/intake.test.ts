import { describe, expect, it } from 'vitest';
import { orderInputFrom } from './intake.js';

const at = { lat: '31.23', long: '121.47' };
const base = { api_key: 'k', service_code: 'NOI-01', description: '夜间施工', ...at, 'attribute[timeOfDay]': 'night' };

describe('orderInputFrom', () => {
  it('maps the spec parameters to an open311 order', () => {
    expect(
      orderInputFrom({
        ...base,
        first_name: '阿姨',
        last_name: '王',
        phone: '139 1234 5678',
        email: 'a@b.cn',
        device_id: 'd',
      }),
    ).toEqual({
      categoryCode: 'NOI-01',
      description: '夜间施工',
      lon: 121.47,
      lat: 31.23,
      source: 'open311',
      fields: { timeOfDay: 'night' },
      reporter: { name: '王阿姨', phone: '13912345678' },
    });
  });

  it('reads a JSON attribute object, numbers as numbers, and the hazard level of a safety report', () => {
    const o = orderInputFrom({
      service_code: 'SAF-09',
      lat: 31.23,
      long: 121.47,
      attribute: { hazardLevel: 'critical', floor: '6' },
    });
    expect(o).toMatchObject({ categoryCode: 'SAF-09', hazardLevel: 'critical', fields: { floor: 6 } });
    expect(o.description).toMatch(/电动车违规充电/); // no description: the service name stands in
  });

  it('keeps media_url in the fields and ignores blank attributes', () => {
    expect(orderInputFrom({ ...base, 'attribute[unused]': '', media_url: 'http://img.example/1.jpg' }).fields).toEqual({
      timeOfDay: 'night',
      media_url: 'http://img.example/1.jpg',
    });
  });

  it('names the Open311 parameter in contract errors', () => {
    expect(() => orderInputFrom({ ...base, 'attribute[timeOfDay]': 'noon' })).toThrow(
      /^attribute\[timeOfDay\]：.* \/ attribute\[timeOfDay\]: /,
    );
    expect(() => orderInputFrom({ ...base, long: '200' })).toThrow(/^long：.*73–135/);
    expect(() => orderInputFrom({ ...base, first_name: '三', phone: '12345' })).toThrow(/^phone：/);
  });

  it('answers an unknown service code with 404 and missing parts with 400', () => {
    const status = (b: Record<string, unknown>) => {
      try {
        orderInputFrom(b);
      } catch (e) {
        return (e as { status: number }).status;
      }
      return 200;
    };
    expect(status({ ...base, service_code: 'ZZZ' })).toBe(404);
    expect(status({ ...base, service_code: undefined })).toBe(400);
    expect(status({ ...base, lat: undefined, long: undefined, address_id: '12' })).toBe(400);
    expect(status({ ...base, 'attribute[timeOfDay][]': 'night' })).toBe(400);
    expect(status({ ...base, media_url: 'ftp://x/y' })).toBe(400);
    expect(status({ ...base, phone: '13912345678' })).toBe(400); // a phone with no name
    expect(status(base)).toBe(200);
  });
});
