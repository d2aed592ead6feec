// The demo indicator system, shaped like Gulou's (seed 004): 4 dimensions (党建引领、城市治理、民生保障、社会建设),
// 10 focuses, 17 indicators — questionnaire indicators (正向评价) and reverse indicators from residents' complaints
// (反向评价); special items (专项特色) are recorded per area and period. Dimensions are weighted by AHP.
import type { OrderFamily } from '../../contract/order-categories.js';

export interface DemoIndicator {
  code: string;
  name: string;
  nameEn: string;
  polarity: 'positive' | 'reverse';
  source: 'questionnaire' | 'orders';
  norm: 'score' | 'target' | 'minmax';
  target?: number;
  worst?: number;
  orderMeasure?: 'complaint_rate' | 'unsatisfied_share';
  orderFamilies?: OrderFamily[];
  weight: number;
  /** Questionnaire indicators: which groups answer it (all when absent). */
  groups?: ('elder' | 'middle_young' | 'organisation')[];
}
export interface DemoFocus {
  code: string;
  name: string;
  nameEn: string;
  weight: number;
  indicators: DemoIndicator[];
}
export interface DemoDimension {
  code: string;
  name: string;
  nameEn: string;
  focuses: DemoFocus[];
}

const q = (
  code: string,
  name: string,
  nameEn: string,
  weight: number,
  groups?: DemoIndicator['groups'],
): DemoIndicator => ({
  code,
  name,
  nameEn,
  polarity: 'positive',
  source: 'questionnaire',
  norm: 'score',
  weight,
  groups,
});
/** Residents' complaints per 1,000 households in a quarter: 0 is the target, `worst` scores 0. */
const complaints = (
  code: string,
  name: string,
  nameEn: string,
  weight: number,
  families: OrderFamily[],
  worst: number,
): DemoIndicator => ({
  code,
  name,
  nameEn,
  polarity: 'reverse',
  source: 'orders',
  norm: 'target',
  target: 0,
  worst,
  orderMeasure: 'complaint_rate',
  orderFamilies: families,
  weight,
});

export const DEMO_SYSTEM_NAME = '街道工作居民满意度考评指标体系（演示）';

export const DEMO_SYSTEM: DemoDimension[] = [
  {
    code: 'D1',
    name: '党建引领',
    nameEn: 'Party-building leadership',
    focuses: [
      {
        code: 'F01',
        name: '组织建设',
        nameEn: 'Organisation building',
        weight: 0.6,
        indicators: [
          q('I01', '社区党组织服务群众满意度', 'Community Party organisation serving residents', 0.6),
          q('I02', '党员先锋模范作用发挥', 'Party members setting an example', 0.4),
        ],
      },
      {
        code: 'F02',
        name: '区域化党建',
        nameEn: 'Area-wide Party building',
        weight: 0.4,
        indicators: [
          q('I03', '驻区单位共建共享参与度', 'Organisations joining joint building', 1, [
            'organisation',
            'middle_young',
          ]),
        ],
      },
    ],
  },
  {
    code: 'D2',
    name: '城市治理',
    nameEn: 'Urban governance',
    focuses: [
      {
        code: 'F03',
        name: '人居环境',
        nameEn: 'Living environment',
        weight: 0.4,
        indicators: [
          q('I04', '环境卫生与绿化满意度', 'Sanitation and greenery', 0.6),
          complaints(
            'I05',
            '环境卫生与市容投诉率',
            'Sanitation & city-appearance complaints',
            0.4,
            ['sanitation', 'city_appearance'],
            8,
          ),
        ],
      },
      {
        code: 'F04',
        name: '安全平安',
        nameEn: 'Safety and security',
        weight: 0.35,
        indicators: [
          q('I06', '治安状况与安全感', 'Public order and feeling safe', 0.6),
          complaints('I07', '安全隐患与矛盾纠纷投诉率', 'Hazard & dispute complaints', 0.4, ['safety', 'dispute'], 6),
        ],
      },
      {
        code: 'F05',
        name: '城市管理秩序',
        nameEn: 'Urban management order',
        weight: 0.25,
        indicators: [
          q('I08', '市容秩序与停车管理满意度', 'Street order and parking', 0.5),
          complaints(
            'I09',
            '违建噪音停车群租投诉率',
            'Illegal building, noise, parking & group-renting complaints',
            0.5,
            ['illegal_construction', 'noise', 'parking', 'group_renting'],
            4,
          ),
        ],
      },
    ],
  },
  {
    code: 'D3',
    name: '民生保障',
    nameEn: 'Livelihood security',
    focuses: [
      {
        code: 'F06',
        name: '基本公共服务',
        nameEn: 'Basic public services',
        weight: 0.4,
        indicators: [
          q('I10', '政务与便民服务满意度', 'Government and convenience services', 0.6),
          {
            code: 'I11',
            name: '工单办理不满意率',
            nameEn: 'Unsatisfied share of rated orders',
            polarity: 'reverse',
            source: 'orders',
            norm: 'target',
            target: 0,
            worst: 30,
            orderMeasure: 'unsatisfied_share',
            weight: 0.4,
          },
        ],
      },
      {
        code: 'F07',
        name: '为老助残',
        nameEn: 'Elder and disability care',
        weight: 0.3,
        indicators: [q('I12', '为老助残服务满意度', 'Elder and disability services', 1, ['elder', 'middle_young'])],
      },
      {
        code: 'F08',
        name: '物业与住房保障',
        nameEn: 'Property and housing',
        weight: 0.3,
        indicators: [
          q('I13', '物业服务与老旧小区改造满意度', 'Property services and estate renovation', 0.6),
          complaints('I14', '物业与设施报修投诉率', 'Property & facility complaints', 0.4, ['property', 'facility'], 4),
        ],
      },
    ],
  },
  {
    code: 'D4',
    name: '社会建设',
    nameEn: 'Social development',
    focuses: [
      {
        code: 'F09',
        name: '文明和谐氛围',
        nameEn: 'Civility and harmony',
        weight: 0.6,
        indicators: [
          q('I15', '邻里和睦与文明风尚', 'Neighbourliness and civility', 0.5),
          q('I16', '社区文化体育活动满意度', 'Community culture and sports', 0.5),
        ],
      },
      {
        code: 'F10',
        name: '居民参与',
        nameEn: 'Residents taking part',
        weight: 0.4,
        indicators: [q('I17', '居民议事协商参与度', 'Residents in deliberation', 1)],
      },
    ],
  },
];

/** AHP judgements on the dimensions (rows and columns in DEMO_SYSTEM order): 民生保障 ≻ 城市治理 ≻ 党建引领 ≈ 社会建设. */
export const DEMO_DIMENSION_MATRIX: number[][] = [
  [1, 1 / 2, 1 / 3, 1],
  [2, 1, 1 / 2, 2],
  [3, 2, 1, 3],
  [1, 1 / 2, 1 / 3, 1],
];
