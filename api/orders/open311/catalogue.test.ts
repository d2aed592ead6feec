import { describe, expect, it } from 'vitest';
import { categoryByCode, ORDER_CATEGORIES } from '../../../contract/order-categories.js';
import {
  attributesOf,
  CONSOLE_ONLY_CATEGORY_CODES,
  open311Category,
  serviceDefinitionOf,
  services,
  UNPUBLISHED_CATEGORY_CODES,
} from './catalogue.js';

describe('services', () => {
  it('offers one realtime service per public category, grouped by family in Chinese', () => {
    const list = services();
    expect(list.map((s) => s.service_code)).toEqual(
      ORDER_CATEGORIES.filter((c) => c.family !== 'special_care').map((c) => c.code),
    );
    expect(list.every((s) => s.type === 'realtime')).toBe(true);
    expect(list.find((s) => s.service_code === 'NOI-01')).toMatchObject({
      service_name: '施工噪音',
      group: '噪音',
      metadata: true,
    });
    expect(list.find((s) => s.service_code === 'NOI-01')!.keywords).toContain('Construction noise');
  });

  it('keeps 特殊群体关爱 off the public channel', () => {
    expect(CONSOLE_ONLY_CATEGORY_CODES).toEqual(['CARE-01', 'CARE-02', 'CARE-03', 'CARE-04']);
    expect(open311Category('CARE-01')).toBeUndefined();
    expect(open311Category('SAN-01')?.zh).toBe('垃圾堆放');
  });

  it('accepts reports of categories that are not published, and says so in their service', () => {
    expect(UNPUBLISHED_CATEGORY_CODES).toEqual(
      expect.arrayContaining([...CONSOLE_ONLY_CATEGORY_CODES, 'DIS-01', 'DIS-05', 'CNV-03', 'GRP-01', 'NOI-02']),
    );
    expect(UNPUBLISHED_CATEGORY_CODES).not.toContain('NOI-01');
    expect(UNPUBLISHED_CATEGORY_CODES).not.toContain('SAN-01');
    expect(open311Category('DIS-01')?.public).toBe(false);
    const byCode = new Map(services().map((s) => [s.service_code, s.description]));
    expect(byCode.get('DIS-01')).toBe('邻里纠纷（办理情况不公开）');
    expect(byCode.get('SAN-01')).toBe('垃圾堆放');
    const inEnglish = new Map(services('en').map((s) => [s.service_code, s]));
    expect(inEnglish.get('DIS-01')).toMatchObject({
      service_name: 'Neighbour dispute',
      description: 'Neighbour dispute (requests are not published)',
    });
  });

  it('marks metadata only where a category asks for more than the basics', () => {
    const byCode = new Map(services().map((s) => [s.service_code, s.metadata]));
    expect(byCode.get('SAN-02')).toBe(false);
    expect(byCode.get('SAN-03')).toBe(true); // optional floor
    expect(byCode.get('SAF-07')).toBe(true); // hazard level only
  });
});

describe('service definitions', () => {
  it('maps number, enum and text fields to number, singlevaluelist and string, in order', () => {
    const grp = attributesOf(categoryByCode('GRP-01')!);
    expect(grp.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['occupants', 'number', true, 1],
      ['rooms', 'number', false, 2],
    ]);
    const dis = attributesOf(categoryByCode('DIS-05')!);
    expect(dis.map((a) => a.datatype)).toEqual(['number', 'string']);
    const noi = attributesOf(categoryByCode('NOI-01')!)[0];
    expect(noi).toMatchObject({
      variable: true,
      datatype: 'singlevaluelist',
      values: [
        { key: 'day', name: '白天' },
        { key: 'night', name: '夜间' },
      ],
    });
    expect(noi.description).toBe('发生时段');
    expect(attributesOf(categoryByCode('NOI-01')!, 'en')[0]).toMatchObject({
      description: 'Time of day',
      values: [
        { key: 'day', name: 'Day' },
        { key: 'night', name: 'Night' },
      ],
    });
  });

  it('puts the required hazard level first for safety categories', () => {
    const def = serviceDefinitionOf(categoryByCode('SAF-09')!);
    expect(def.service_code).toBe('SAF-09');
    expect(def.attributes.map((a) => a.code)).toEqual(['hazardLevel', 'floor']);
    expect(def.attributes[0].values.map((v) => v.key)).toEqual(['general', 'major', 'critical']);
  });
});
