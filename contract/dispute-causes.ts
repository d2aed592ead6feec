// The catalogue of dispute causes (纠纷成因): what a mediation records as the root of a dispute, so that the same
// cause seen again and again in one community becomes a root-cause item (源头治理) rather than one more case.
// Each cause belongs to one dispute category of contract/order-categories.ts (family 'dispute').

export interface DisputeCause {
  code: string;
  zh: string;
  en: string;
  /** The dispute category (DIS-xx) this cause is typical of. */
  category: string;
}

const c = (code: string, category: string, zh: string, en: string): DisputeCause => ({ code, category, zh, en });

export const DISPUTE_CAUSES: readonly DisputeCause[] = [
  c('parking_shortage', 'DIS-01', '停车位不足', 'Too few parking spaces'),
  c('noise', 'DIS-01', '噪音扰民', 'Noise nuisance'),
  c('water_leak', 'DIS-01', '邻里漏水', 'Leak into a neighbour'),
  c('pets', 'DIS-01', '宠物扰民', 'Pets disturbing neighbours'),
  c('renovation', 'DIS-01', '装修纠纷', 'Renovation dispute'),
  c('right_of_way', 'DIS-01', '相邻通行', 'Right of way between neighbours'),
  c('light_blocking', 'DIS-01', '违建遮光', 'Unauthorised building blocking light'),
  c('shared_space', 'DIS-01', '公共部位占用', 'Occupied shared space'),
  c('property_fees_opaque', 'DIS-02', '物业收费不透明', 'Opaque property fees'),
  c('fee_rise_unannounced', 'DIS-02', '物业费上涨未公示', 'Fee rise not announced'),
  c('service_below_fee', 'DIS-02', '服务质量与收费不匹配', 'Service below what is charged'),
  c('public_income', 'DIS-02', '公共收益分配', 'Sharing of common-area income'),
  c('parking_allocation', 'DIS-02', '停车位分配', 'Allocation of parking spaces'),
  c('wage_arrears', 'DIS-03', '劳资欠薪', 'Unpaid wages'),
  c('no_contract', 'DIS-03', '未签劳动合同', 'No labour contract'),
  c('work_injury', 'DIS-03', '工伤赔偿', 'Work-injury compensation'),
  c('marriage', 'DIS-04', '婚姻家庭', 'Marriage and family'),
  c('elder_support', 'DIS-04', '赡养老人', 'Support of elderly parents'),
  c('inheritance', 'DIS-04', '继承析产', 'Inheritance and division of property'),
  c('prepaid_card', 'DIS-05', '预付卡退费', 'Prepaid-card refund'),
  c('product_quality', 'DIS-05', '商品质量', 'Product quality'),
  c('other', 'DIS-01', '其他', 'Other'),
];

export const DISPUTE_CAUSE_CODES = DISPUTE_CAUSES.map((x) => x.code) as [string, ...string[]];

export const causeByCode = (code: string): DisputeCause | undefined => DISPUTE_CAUSES.find((x) => x.code === code);
