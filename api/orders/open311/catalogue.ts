// The category catalogue as GeoReport v2 services: one service per category (service_code = its
// catalogue code), and a service definition whose attributes are the category's extra fields.
// 安全隐患 (safety) categories must state 一般/较大/重大, so they gain a required `hazardLevel` attribute.
// 特殊群体关爱 (special care) stays off this public channel: its orders point at the homes of vulnerable
// people (an elder living alone) and reference their 一人一档 care files; they go through the console.
// Other categories that are not public (disputes, a resident's own applications…: OrderCategory.public)
// are offered and accepted, but their requests are never published; their service says so.
import { m, named, renderMessage, type Lang, type Message } from '../../../contract/messages/index.js';
import {
  type FieldSpec,
  type OrderCategory,
  type OrderFamily,
  ORDER_CATEGORIES,
  categoryByCode,
} from '../../../contract/order-categories.js';
import { HAZARD_LEVELS } from '../../../contract/orders.js';
import type { Open311Attribute, Open311Service, Open311ServiceDefinition } from './schemas.js';

export const FAMILY_NAMES: Record<OrderFamily, { zh: string; en: string }> = {
  sanitation: { zh: '环境卫生', en: 'Sanitation' },
  safety: { zh: '安全隐患', en: 'Safety hazards' },
  dispute: { zh: '矛盾纠纷', en: 'Disputes' },
  facility: { zh: '设施维护', en: 'Facilities' },
  convenience: { zh: '便民服务', en: 'Public services' },
  special_care: { zh: '特殊群体关爱', en: 'Care for vulnerable people' },
  property: { zh: '物业管理', en: 'Property management' },
  parking: { zh: '停车', en: 'Parking' },
  noise: { zh: '噪音', en: 'Noise' },
  illegal_construction: { zh: '违章搭建', en: 'Illegal construction' },
  group_renting: { zh: '群租', en: 'Group renting' },
  city_appearance: { zh: '市容', en: 'City appearance' },
  other: { zh: '其他', en: 'Other' },
};

const CONSOLE_ONLY_FAMILIES: readonly OrderFamily[] = ['special_care'];
const OFFERED_CATEGORIES = ORDER_CATEGORIES.filter((c) => !CONSOLE_ONLY_FAMILIES.includes(c.family));

/** Codes never offered, accepted or shown over Open311. */
export const CONSOLE_ONLY_CATEGORY_CODES = ORDER_CATEGORIES.filter((c) => CONSOLE_ONLY_FAMILIES.includes(c.family)).map(
  (c) => c.code,
);

/** Codes whose requests are never published (OrderCategory.public is false): a superset of the above. */
export const UNPUBLISHED_CATEGORY_CODES = ORDER_CATEGORIES.filter((c) => !c.public).map((c) => c.code);

/** The category behind a service_code, or undefined when it is unknown or not offered over Open311. */
export function open311Category(code: string): OrderCategory | undefined {
  const c = categoryByCode(code);
  return c && !CONSOLE_ONLY_FAMILIES.includes(c.family) ? c : undefined;
}

/** The attribute code a safety report's hazard level travels under (`attribute[hazardLevel]=major`). */
export const HAZARD_ATTRIBUTE = 'hazardLevel';

/** Every attribute a category accepts, in the order a form shows them, described in `lang`. */
export function attributesOf(c: OrderCategory, lang: Lang = 'zh-CN'): Open311Attribute[] {
  const say = (msg: Message) => renderMessage(msg, lang);
  const out: Open311Attribute[] = [];
  if (c.hazardRequired) {
    out.push({
      variable: true,
      code: HAZARD_ATTRIBUTE,
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: say(m('orders.open311.hazardLevelType')),
      order: 1,
      description: say(m('orders.open311.hazardLevel')),
      values: HAZARD_LEVELS.map((key) => ({ key, name: say(m(`orders.hazard.${key}`)) })),
    });
  }
  c.fields.forEach((f: FieldSpec) => out.push(attributeOf(f, out.length + 1, lang)));
  return out;
}

const DATATYPE_DESCRIPTIONS = {
  number: m('orders.open311.numberType'),
  singlevaluelist: m('orders.open311.listType'),
  string: m('orders.open311.textType'),
} as const;

function attributeOf(f: FieldSpec, order: number, lang: Lang): Open311Attribute {
  const datatype = f.type === 'number' ? 'number' : f.type === 'enum' ? 'singlevaluelist' : 'string';
  const datatype_description = renderMessage(DATATYPE_DESCRIPTIONS[datatype], lang);
  return {
    variable: true,
    code: f.name,
    datatype,
    required: f.required,
    datatype_description,
    order,
    description: named(f.label)[lang],
    values: (f.options ?? []).map((key) => ({
      key,
      name: f.optionLabels?.[key] ? named(f.optionLabels[key])[lang] : key,
    })),
  };
}

/** A category as a service, named and described in `lang`; its keywords hold both languages, for search. */
export function serviceOf(c: OrderCategory, lang: Lang = 'zh-CN'): Open311Service {
  const family = FAMILY_NAMES[c.family];
  const name = named(c)[lang];
  return {
    service_code: c.code,
    service_name: name,
    description: c.public ? name : renderMessage(m('orders.open311.unpublished', { category: name }), lang),
    metadata: attributesOf(c).length > 0,
    type: 'realtime',
    keywords: [c.zh, c.en, family.zh, family.en].join(', '),
    group: named(family)[lang],
  };
}

export const services = (lang: Lang = 'zh-CN'): Open311Service[] => OFFERED_CATEGORIES.map((c) => serviceOf(c, lang));

export const serviceDefinitionOf = (c: OrderCategory, lang: Lang = 'zh-CN'): Open311ServiceDefinition => ({
  service_code: c.code,
  attributes: attributesOf(c, lang),
});
