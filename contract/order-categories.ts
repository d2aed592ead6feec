// The work-order category catalogue, as data: what a report of each kind is, how urgent it is by
// default, and which extra fields the reporter must fill in. Families follow the district's
// "网格化十大数据" (ten grid data families) plus the street-level complaint types seen in intake.
import type { HazardLevel } from './orders.js';

export const ORDER_FAMILIES = [
  'sanitation', // 环境卫生
  'safety', // 安全隐患
  'dispute', // 矛盾纠纷
  'facility', // 设施维护
  'convenience', // 便民服务
  'special_care', // 特殊群体关爱
  'property', // 物业管理
  'parking', // 停车
  'noise', // 噪音
  'illegal_construction', // 违章搭建
  'group_renting', // 群租
  'city_appearance', // 市容
  'other', // 其他
] as const;
export type OrderFamily = (typeof ORDER_FAMILIES)[number];

/** Departments an order of this kind is auto-dispatched to first (routing may override). */
export const DEPARTMENTS = [
  'urban_mgmt', // 城管
  'emergency', // 应急管理
  'fire', // 消防
  'housing', // 住建
  'market', // 市场监管
  'transport', // 交通
  'civil_affairs', // 民政
  'judicial', // 司法所
  'human_resources', // 人社
  'eco_env', // 生态环境
  'public_security', // 公安
  'community', // 社区居委会
  'property_co', // 物业企业
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export interface FieldSpec {
  name: string;
  label: { zh: string; en: string };
  type: 'text' | 'number' | 'enum';
  /** For 'enum' only: the values stored and sent. */
  options?: readonly string[];
  /** For 'enum' only: what each value is called on screen. */
  optionLabels?: Readonly<Record<string, { zh: string; en: string }>>;
  required: boolean;
}

export interface OrderCategory {
  /** Catalogue code, e.g. 'SAN-01'. */
  code: string;
  family: OrderFamily;
  zh: string;
  en: string;
  defaultHazard: HazardLevel;
  /** 安全隐患 reports must state 一般/较大/重大 explicitly. */
  hazardRequired: boolean;
  defaultDept: Department;
  fields: readonly FieldSpec[];
  /**
   * Whether its orders are published over Open311 (category, status, dates, a place coarsened to the
   * grid, and a staff-published public text). False where an order points at a person rather than a
   * place: see PRIVATE_FAMILIES and PRIVATE_CATEGORY_CODES.
   */
  public: boolean;
}

const text = (name: string, zh: string, en: string, required = true): FieldSpec => ({
  name,
  label: { zh, en },
  type: 'text',
  required,
});
const num = (name: string, zh: string, en: string, required = true): FieldSpec => ({
  name,
  label: { zh, en },
  type: 'number',
  required,
});
const oneOf = (
  name: string,
  zh: string,
  en: string,
  options: readonly (readonly [value: string, zh: string, en: string])[],
  required = true,
): FieldSpec => ({
  name,
  label: { zh, en },
  type: 'enum',
  required,
  options: options.map(([value]) => value),
  optionLabels: Object.fromEntries(options.map(([value, z, e]) => [value, { zh: z, en: e }])),
});

// Shared field specs.
const floorNo = num('floor', '楼层', 'Floor', false);
const parties = num('parties', '涉及人数', 'People involved');
const timeOfDay = oneOf('timeOfDay', '发生时段', 'Time of day', [
  ['day', '白天', 'Day'],
  ['night', '夜间', 'Night'],
]);
/** 一人一档 "one file per person": the care file is referenced, never copied into the order. */
const careFile = text('careFileId', '关爱档案编号', 'Care file id');
const materials = oneOf('materialsComplete', '材料是否齐全', 'Documents complete', [
  ['yes', '齐全', 'Complete'],
  ['no', '不齐全', 'Incomplete'],
]);

type Row = [
  code: string,
  family: OrderFamily,
  zh: string,
  en: string,
  hazard: HazardLevel,
  dept: Department,
  fields?: readonly FieldSpec[],
];

const ROWS: readonly Row[] = [
  [
    'SAN-01',
    'sanitation',
    '垃圾堆放',
    'Garbage pile-up',
    'general',
    'urban_mgmt',
    [num('volumeM3', '体积(立方米)', 'Volume (m³)', false)],
  ],
  ['SAN-02', 'sanitation', '垃圾分类不规范', 'Waste sorting violation', 'general', 'urban_mgmt'],
  ['SAN-03', 'sanitation', '楼道堆物', 'Clutter in stairwell', 'general', 'community', [floorNo]],
  ['SAN-04', 'sanitation', '垃圾清运不及时', 'Missed garbage collection', 'general', 'urban_mgmt'],
  ['SAF-01', 'safety', '消防通道堵塞', 'Blocked fire lane', 'major', 'fire'],
  [
    'SAF-02',
    'safety',
    '消防设施损坏',
    'Damaged fire equipment',
    'general',
    'fire',
    [
      oneOf('equipment', '设施类型', 'Equipment', [
        ['extinguisher', '灭火器', 'Extinguisher'],
        ['hydrant', '消火栓', 'Hydrant'],
        ['alarm', '火灾报警器', 'Fire alarm'],
        ['sprinkler', '喷淋', 'Sprinkler'],
        ['other', '其他', 'Other'],
      ]),
    ],
  ],
  ['SAF-03', 'safety', '电气线路老化', 'Aged electrical wiring', 'major', 'emergency'],
  [
    'SAF-04',
    'safety',
    '燃气安全隐患',
    'Gas safety hazard',
    'major',
    'emergency',
    [
      oneOf('gasIssue', '隐患类型', 'Issue', [
        ['leak_smell', '有燃气异味', 'Smell of gas'],
        ['aged_hose', '软管老化', 'Aged hose'],
        ['illegal_cylinder', '违规使用液化气瓶', 'Illegal gas cylinder'],
        ['other', '其他', 'Other'],
      ]),
    ],
  ],
  [
    'SAF-05',
    'safety',
    '建筑安全隐患',
    'Building safety hazard',
    'major',
    'housing',
    [
      oneOf('part', '部位', 'Part', [
        ['facade_tiles', '外墙饰面', 'Facade tiles'],
        ['structure', '主体结构', 'Structure'],
        ['balcony', '阳台', 'Balcony'],
        ['roof', '屋面', 'Roof'],
        ['other', '其他', 'Other'],
      ]),
    ],
  ],
  [
    'SAF-06',
    'safety',
    '市场安全隐患',
    'Market safety hazard',
    'general',
    'market',
    [text('venue', '市场/店铺名称', 'Market or shop')],
  ],
  ['SAF-07', 'safety', '道路交通安全隐患', 'Road traffic hazard', 'general', 'transport'],
  ['SAF-08', 'safety', '易燃易爆物品存放', 'Flammable storage', 'major', 'fire'],
  ['SAF-09', 'safety', '电动车违规充电', 'Unsafe e-bike charging', 'major', 'fire', [floorNo]],
  ['SAF-10', 'safety', '特种设备隐患', 'Special equipment (lift) hazard', 'major', 'market'],
  ['DIS-01', 'dispute', '邻里纠纷', 'Neighbour dispute', 'general', 'community', [parties]],
  [
    'DIS-02',
    'dispute',
    '物业矛盾',
    'Property-management dispute',
    'general',
    'community',
    [
      parties,
      oneOf('issue', '争议焦点', 'Issue', [
        ['fees', '收费', 'Fees'],
        ['service_quality', '服务质量', 'Service quality'],
        ['public_income', '公共收益', 'Shared-area income'],
        ['other', '其他', 'Other'],
      ]),
    ],
  ],
  [
    'DIS-03',
    'dispute',
    '劳资争议',
    'Labour dispute',
    'general',
    'human_resources',
    [parties, num('amountYuan', '涉及金额(元)', 'Amount (yuan)', false)],
  ],
  ['DIS-04', 'dispute', '家庭矛盾', 'Family dispute', 'general', 'community', [parties]],
  [
    'DIS-05',
    'dispute',
    '消费纠纷',
    'Consumer dispute',
    'general',
    'market',
    [parties, text('merchant', '商家', 'Merchant')],
  ],
  ['FAC-01', 'facility', '路灯损坏', 'Broken street light', 'general', 'urban_mgmt'],
  ['FAC-02', 'facility', '井盖缺失破损', 'Missing or broken manhole cover', 'major', 'urban_mgmt'],
  ['FAC-03', 'facility', '供排水故障', 'Water supply or drainage fault', 'general', 'housing'],
  [
    'FAC-04',
    'facility',
    '公共设施损坏',
    'Damaged public facility',
    'general',
    'urban_mgmt',
    [
      oneOf('facility', '设施', 'Facility', [
        ['bench', '座椅', 'Bench'],
        ['fitness', '健身器材', 'Fitness equipment'],
        ['railing', '护栏', 'Railing'],
        ['signage', '标识牌', 'Signage'],
        ['other', '其他', 'Other'],
      ]),
    ],
  ],
  ['CNV-01', 'convenience', '社保医保咨询', 'Social/medical insurance enquiry', 'general', 'human_resources'],
  ['CNV-02', 'convenience', '居住证办理', 'Residence permit', 'general', 'public_security', [materials]],
  ['CNV-03', 'convenience', '民政救助申请', 'Social assistance application', 'general', 'civil_affairs', [materials]],
  ['CNV-04', 'convenience', '老年卡办理', 'Senior card', 'general', 'civil_affairs', [materials]],
  [
    'CARE-01',
    'special_care',
    '独居老人关爱',
    'Elder living alone',
    'general',
    'civil_affairs',
    [
      careFile,
      oneOf('need', '需求', 'Need', [
        ['health', '健康', 'Health'],
        ['meals', '助餐', 'Meals'],
        ['companionship', '陪伴', 'Companionship'],
        ['repairs', '维修', 'Repairs'],
        ['other', '其他', 'Other'],
      ]),
    ],
  ],
  ['CARE-02', 'special_care', '困境儿童关爱', 'Child in difficulty', 'general', 'civil_affairs', [careFile]],
  ['CARE-03', 'special_care', '残疾人帮扶', 'Disability support', 'general', 'civil_affairs', [careFile]],
  [
    'CARE-04',
    'special_care',
    '低保特困帮扶',
    'Low-income / extreme-poverty support',
    'general',
    'civil_affairs',
    [careFile],
  ],
  ['PRO-01', 'property', '物业服务质量', 'Property service quality', 'general', 'property_co'],
  ['PRO-02', 'property', '物业收费不公示', 'Undisclosed property fees', 'general', 'housing'],
  [
    'PRK-01',
    'parking',
    '乱停乱放',
    'Illegal parking',
    'general',
    'transport',
    [text('plate', '车牌号', 'Plate', false)],
  ],
  [
    'PRK-02',
    'parking',
    '停车位不足',
    'Parking shortage',
    'general',
    'community',
    [num('spacesShort', '缺口(个)', 'Spaces short', false)],
  ],
  ['NOI-01', 'noise', '施工噪音', 'Construction noise', 'general', 'eco_env', [timeOfDay]],
  ['NOI-02', 'noise', '社会生活噪音', 'Neighbourhood noise', 'general', 'public_security', [timeOfDay]],
  ['NOI-03', 'noise', '商业经营噪音', 'Commercial noise', 'general', 'urban_mgmt', [timeOfDay]],
  [
    'ILC-01',
    'illegal_construction',
    '违章搭建',
    'Illegal structure',
    'general',
    'urban_mgmt',
    [num('areaM2', '面积(平方米)', 'Area (m²)', false)],
  ],
  ['ILC-02', 'illegal_construction', '私装铁门占用通道', 'Private gate blocking passage', 'major', 'urban_mgmt'],
  [
    'GRP-01',
    'group_renting',
    '群租',
    'Group renting (overcrowded rental)',
    'major',
    'housing',
    [num('occupants', '居住人数', 'Occupants'), num('rooms', '隔间数', 'Partitioned rooms', false)],
  ],
  ['CIT-01', 'city_appearance', '小广告乱贴乱画', 'Flyers and graffiti', 'general', 'urban_mgmt'],
  ['CIT-02', 'city_appearance', '占道经营', 'Street vending on the road', 'general', 'urban_mgmt'],
  ['CIT-03', 'city_appearance', '店外经营', 'Trading outside the shopfront', 'general', 'urban_mgmt'],
  ['OTH-01', 'other', '其他', 'Other', 'general', 'community'],
];

/**
 * Families never published: 特殊群体关爱 locates vulnerable people; 矛盾纠纷 names the parties of a dispute;
 * 便民服务 is a resident's own application (insurance, residence permit, social assistance); 群租 points at
 * the flat people live in.
 */
export const PRIVATE_FAMILIES: readonly OrderFamily[] = ['special_care', 'dispute', 'convenience', 'group_renting'];
/** Single categories never published although their family is: 社会生活噪音 points at a neighbour's home. */
export const PRIVATE_CATEGORY_CODES: readonly string[] = ['NOI-02'];

export const ORDER_CATEGORIES: readonly OrderCategory[] = ROWS.map(
  ([code, family, zh, en, defaultHazard, defaultDept, fields]) => ({
    code,
    family,
    zh,
    en,
    defaultHazard,
    defaultDept,
    hazardRequired: family === 'safety',
    fields: fields ?? [],
    public: !PRIVATE_FAMILIES.includes(family) && !PRIVATE_CATEGORY_CODES.includes(code),
  }),
);

const BY_CODE = new Map(ORDER_CATEGORIES.map((c) => [c.code, c]));

export function categoryByCode(code: string): OrderCategory | undefined {
  return BY_CODE.get(code);
}
