// The order contract refuses bad input with messages that say what to fix, in Chinese and English.
import { describe, expect, it } from 'vitest';
import { bilingual } from './messages/index.js';
import { issueMessage } from './messages/issues.js';
import { ORDER_CATEGORIES, ORDER_FAMILIES, categoryByCode } from './order-categories.js';
import { OrderAction, OrderCreate, OrderEvent } from './orders.js';

const good = {
  categoryCode: 'SAN-01',
  description: '小区门口垃圾堆放',
  lon: 121.45,
  lat: 31.23,
  source: 'grid_worker',
} as const;
/** Each issue as `path: 中文 / English`: the schema's message code rendered in both languages. */
function messages(
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: unknown[] } } },
  v: unknown,
) {
  const r = schema.safeParse(v);
  if (r.success) return [];
  return (r.error!.issues as Parameters<typeof issueMessage>[0][]).map((i) => {
    const msg = issueMessage(i);
    return `${i!.path.join('.')}: ${typeof msg === 'string' ? msg : bilingual(msg)}`;
  });
}

describe('OrderCreate', () => {
  it('accepts a plain report', () => {
    expect(OrderCreate.parse(good)).toMatchObject(good);
  });

  it('names the bad longitude and the allowed range', () => {
    expect(messages(OrderCreate, { ...good, lon: 1214.5 })).toEqual([
      'lon: 经度 1214.5 超出范围 (73–135) / longitude 1214.5 out of range (73–135)',
    ]);
  });

  it('catches lon and lat swapped', () => {
    expect(messages(OrderCreate, { ...good, lon: 31.23, lat: 121.45 })).toEqual([
      'lon: 经度 31.23 超出范围 (73–135) / longitude 31.23 out of range (73–135)',
      'lat: 纬度 121.45 超出范围 (3–54) / latitude 121.45 out of range (3–54)',
    ]);
  });

  it('refuses a non-numeric coordinate', () => {
    expect(messages(OrderCreate, { ...good, lat: '31.2' })[0]).toContain('纬度须为数字');
  });

  it('refuses a phone number that is not a Chinese mobile', () => {
    for (const phone of ['12345678901', '1381234567', '021-62345678']) {
      expect(messages(OrderCreate, { ...good, reporter: { name: '张三', phone } }), phone).toEqual([
        'reporter.phone: 手机号格式不正确 (11 位, 以 1 开头) / not a valid Chinese mobile number (11 digits starting with 1)',
      ]);
    }
  });

  it('accepts +86 and spaces in a mobile number, dropping the spaces', () => {
    const r = OrderCreate.parse({ ...good, reporter: { name: '张三', phone: '+86 138-1234-5678' } });
    expect(r.reporter?.phone).toBe('+8613812345678');
  });

  it('refuses an unknown category', () => {
    expect(messages(OrderCreate, { ...good, categoryCode: 'XYZ-99' })).toEqual([
      'categoryCode: 未知类别 XYZ-99 / unknown category XYZ-99',
    ]);
  });

  it('requires a hazard level for a safety hazard (安全隐患)', () => {
    expect(messages(OrderCreate, { ...good, categoryCode: 'SAF-04', fields: { gasIssue: 'aged_hose' } })[0]).toBe(
      'hazardLevel: 「燃气安全隐患」须标注隐患等级 (一般/较大/重大) / Gas safety hazard needs a hazard level (general/major/critical)',
    );
  });

  it("checks the category's extra fields: required, number and enum", () => {
    const base = { ...good, categoryCode: 'GRP-01', hazardLevel: 'major' };
    expect(messages(OrderCreate, base)).toEqual(['fields.occupants: 请填写「居住人数」 / Occupants is required']);
    expect(messages(OrderCreate, { ...base, fields: { occupants: 'many' } })[0]).toContain(
      '应为 number / Occupants must be number',
    );
    expect(messages(OrderCreate, { ...base, categoryCode: 'NOI-01', fields: { timeOfDay: 'dusk' } })[0]).toContain(
      'must be day|night',
    );
    expect(OrderCreate.safeParse({ ...base, fields: { occupants: 14 } }).success).toBe(true);
  });

  it('bounds the description and the source', () => {
    expect(messages(OrderCreate, { ...good, description: '' })[0]).toContain('请描述问题');
    expect(messages(OrderCreate, { ...good, description: '字'.repeat(2001) })[0]).toContain('2000');
    expect(OrderCreate.safeParse({ ...good, source: 'fax' }).success).toBe(false);
  });
});

describe('OrderAction', () => {
  it('requires a reason to return, hold, cancel, fail a review or reopen', () => {
    for (const action of ['return', 'hold', 'cancel', 'review_fail', 'reopen']) {
      expect(messages(OrderAction, { action }), action).toEqual(['reason: 请填写原因 / a reason is required']);
    }
  });

  it('requires a reason when closing with the reporter unreachable', () => {
    expect(messages(OrderAction, { action: 'close', unreachable: true })[0]).toContain('联系不上报告人时须说明原因');
    expect(OrderAction.parse({ action: 'close' })).toEqual({ action: 'close', unreachable: false });
  });

  it('refuses a lead department that also assists', () => {
    expect(messages(OrderAction, { action: 'dispatch', leadDept: 'fire', assistDepts: ['fire'] })[0]).toContain(
      '主办部门不能同时是协办部门',
    );
  });

  it('refuses an unknown action and an unknown rating', () => {
    expect(OrderAction.safeParse({ action: 'explode' }).success).toBe(false);
    expect(OrderAction.safeParse({ action: 'rate', rating: 'meh' }).success).toBe(false);
  });
});

describe('OrderEvent', () => {
  it('parses an escalation event by the system', () => {
    expect(
      OrderEvent.safeParse({
        seq: 12,
        orderId: 5,
        at: '2025-09-22T02:00:00.000Z',
        actor: { id: 0, role: 'system', name: '系统' },
        action: 'red_card',
        from: 'dispatched',
        to: 'dispatched',
        data: { fromLevel: 0, toLevel: 0 },
      }).success,
    ).toBe(true);
  });
});

describe('ORDER_CATEGORIES', () => {
  it('has about 30 categories with unique codes covering every family', () => {
    expect(ORDER_CATEGORIES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ORDER_CATEGORIES.map((c) => c.code)).size).toBe(ORDER_CATEGORIES.length);
    for (const c of ORDER_CATEGORIES) expect(c.code).toMatch(/^[A-Z]{3,4}-\d{2}$/);
    expect(new Set(ORDER_CATEGORIES.map((c) => c.family))).toEqual(new Set(ORDER_FAMILIES));
  });

  it('requires a hazard level exactly for safety hazards, and gives enum fields their options', () => {
    for (const c of ORDER_CATEGORIES) {
      expect(c.hazardRequired, c.code).toBe(c.family === 'safety');
      for (const f of c.fields) {
        if (f.type !== 'enum') continue;
        expect(f.options?.length, `${c.code}.${f.name}`).toBeGreaterThan(1);
        for (const o of f.options!)
          expect(f.optionLabels?.[o]?.zh, `${c.code}.${f.name}.${o}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(categoryByCode('SAF-01')).toMatchObject({ zh: '消防通道堵塞', defaultDept: 'fire' });
  });
});
