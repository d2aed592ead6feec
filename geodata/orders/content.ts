// The words of a synthetic work order: its description, the category's extra fields, the reporter's
// (clearly synthetic) contact, and what departments write when they hand in a fix.
import { type FieldSpec, type OrderCategory, categoryByCode } from '../../contract/order-categories.js';
import type { ReporterContact } from '../../contract/orders.js';
import { personName } from '../city/names.js';
import type { Rng } from '../city/rng.js';

/** Extra detail per category, picked at random after the address. */
const DETAILS: Readonly<Record<string, readonly string[]>> = {
  'SAN-01': ['垃圾桶周边堆放生活垃圾', '绿化带内堆积装修垃圾', '地下车库入口堆放大件垃圾'],
  'SAN-02': ['湿垃圾混入干垃圾桶', '投放点外乱扔垃圾袋', '可回收物与其他垃圾混投'],
  'SAN-03': ['楼道内堆放纸箱和旧家具', '消防楼梯堆放杂物', '单元门口堆放自行车和杂物'],
  'SAN-04': ['垃圾已满溢两天未清运', '清运车未按时到达', '垃圾房异味严重'],
  'SAF-01': ['消防通道被私家车占用', '消防通道堆放杂物', '消防车登高场地被占'],
  'SAF-02': ['灭火器过期', '消火栓箱门损坏', '烟感报警器失灵'],
  'SAF-03': ['楼道电线裸露老化', '私拉乱接电线', '配电箱门损坏线路外露'],
  'SAF-04': ['居民反映闻到燃气味', '燃气软管老化开裂', '餐饮店违规存放液化气钢瓶'],
  'SAF-05': ['外墙瓷砖松动有脱落风险', '阳台栏杆锈蚀', '屋顶防水层破损'],
  'SAF-06': ['菜场摊位电线杂乱', '商铺占用安全出口', '市场内消防器材缺失'],
  'SAF-07': ['路口绿化遮挡视线', '人行道护栏缺失', '减速带损坏'],
  'SAF-08': ['车库内存放汽油桶', '商铺内堆放易燃包装材料', '居民在楼道存放油漆'],
  'SAF-09': ['电动车在楼道内充电', '飞线充电', '电动车推入电梯上楼充电'],
  'SAF-10': ['电梯异响', '电梯困人', '电梯年检标志过期'],
  'DIS-01': ['楼上漏水引发邻里矛盾', '公共区域使用引发争执', '宠物扰民引发纠纷'],
  'DIS-02': ['物业费上涨未提前公示', '公共区域收益分配不清', '物业服务与收费标准不符'],
  'DIS-03': ['装修工人反映工资被拖欠', '餐饮店员工讨薪', '保洁人员工资纠纷'],
  'DIS-04': ['赡养老人问题引发家庭矛盾', '夫妻争吵', '房产分配引发家庭矛盾'],
  'DIS-05': ['预付卡商家停业无法退款', '装修质量纠纷', '网购商品退换纠纷'],
  'FAC-01': ['路灯不亮', '路灯杆倾斜', '庭院灯损坏'],
  'FAC-02': ['窨井盖缺失', '井盖破损下陷', '雨水井盖松动'],
  'FAC-03': ['水管爆裂', '下水道堵塞返水', '二次供水水压不足'],
  'FAC-04': ['健身器材损坏', '座椅断裂', '护栏松动'],
  'CNV-01': ['咨询社保缴费基数调整', '咨询医保异地备案', '咨询退休手续办理'],
  'CNV-02': ['申请办理居住证', '居住证续签', '居住证信息变更'],
  'CNV-03': ['申请临时救助', '申请低保', '申请困难补助'],
  'CNV-04': ['申请办理老年卡', '老年卡补办', '咨询老年卡使用范围'],
  'CARE-01': ['独居老人多日未出门', '独居老人需要助餐服务', '独居老人家中设施需维修'],
  'CARE-02': ['困境儿童需要课业辅导', '困境儿童家庭情况变化', '困境儿童需要心理疏导'],
  'CARE-03': ['残疾人申请辅助器具', '残疾人需要上门服务', '残疾人就业咨询'],
  'CARE-04': ['低保家庭生活困难', '特困人员需要就医协助', '低保复核材料'],
  'PRO-01': ['物业保洁不到位', '门禁长期损坏', '物业报修无人响应'],
  'PRO-02': ['物业收费标准未公示', '停车费收取不透明', '维修基金使用未公示'],
  'PRK-01': ['小区门口车辆乱停', '非机动车占用人行道', '车辆占用消防通道停放'],
  'PRK-02': ['小区停车位不足', '夜间停车难', '访客无处停车'],
  'NOI-01': ['夜间施工噪音扰民', '周末施工噪音', '工地凌晨作业'],
  'NOI-02': ['广场舞音响过大', '楼上夜间噪音', 'KTV 噪音扰民'],
  'NOI-03': ['餐饮店排风机噪音', '商铺音响外放', '便利店空调外机噪音'],
  'ILC-01': ['屋顶违章搭建', '天井加盖', '底楼擅自扩建'],
  'ILC-02': ['楼道私装铁门', '公共通道私装隔断门'],
  'GRP-01': ['一套房内隔出多间出租', '群租人员频繁进出', '群租房电线私拉'],
  'CIT-01': ['墙面小广告', '电线杆乱贴广告', '乱涂乱画'],
  'CIT-02': ['路边摊占道经营', '早点摊占用人行道', '流动商贩占道'],
  'CIT-03': ['水果店出店经营', '餐饮店门口摆桌', '商铺货物堆出店外'],
  'OTH-01': ['居民咨询社区活动', '反映小区绿化问题', '其他问题'],
};

export const PARKING_DISPUTE = '停车位分配问题引发邻里纠纷';

export function describe(categoryCode: string, address: string, rng: Rng, detail?: string): string {
  const cat = categoryByCode(categoryCode);
  const d = detail ?? rng.pick(DETAILS[categoryCode] ?? [cat?.zh ?? '问题']);
  return `${address}：${d}`;
}

const TEXT_VALUES: Readonly<Record<string, (rng: Rng) => string>> = {
  careFileId: (rng) => `GA-${String(rng.int(1, 999_999)).padStart(6, '0')}`,
  venue: (rng) => rng.pick(['综合菜市场', '便民超市', '社区生鲜店', '小吃店']),
  merchant: (rng) => rng.pick(['某健身房', '某美发店', '某装修公司', '某培训机构']),
  plate: (rng) => `沪${rng.pick(['A', 'B', 'C', 'D', 'N'])}·${String(rng.int(10_000, 99_999))}`,
};

const NUMBER_RANGES: Readonly<Record<string, [number, number]>> = {
  parties: [2, 6],
  volumeM3: [1, 12],
  floor: [1, 18],
  amountYuan: [2_000, 60_000],
  spacesShort: [10, 120],
  areaM2: [4, 60],
  occupants: [6, 20],
  rooms: [3, 8],
};

function fieldValue(f: FieldSpec, rng: Rng): string | number {
  if (f.type === 'enum') return rng.pick(f.options ?? ['other']);
  if (f.type === 'number') {
    const [lo, hi] = NUMBER_RANGES[f.name] ?? [1, 10];
    return rng.int(lo, hi);
  }
  return (TEXT_VALUES[f.name] ?? (() => '（合成数据）'))(rng);
}

/** Values for the category's extra fields: every required one, and most optional ones. */
export function sampleFields(cat: OrderCategory, rng: Rng): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of cat.fields) if (f.required || rng.chance(0.6)) out[f.name] = fieldValue(f, rng);
  return out;
}

/** A synthetic resident: a generated name and a number in the reserved-looking 1390000xxxx block. */
export function syntheticReporter(rng: Rng): ReporterContact {
  return { name: personName(rng), phone: `1390000${String(rng.int(0, 9999)).padStart(4, '0')}` };
}

/** What the department writes when it hands in a fix; disputes are settled 92% of the time (seed 003). */
export function resolutionNote(family: string, rng: Rng): string {
  if (family === 'dispute') {
    return rng.chance(0.92)
      ? '经网格员和调委会调解，双方达成一致（调解成功）'
      : '调解未成功，已告知当事人通过仲裁或诉讼途径解决（调解不成功）';
  }
  if (family === 'convenience')
    return rng.pick(['材料齐全，已提交办理', '已协助填表并上传区政务服务平台', '已电话答复居民']);
  if (family === 'special_care')
    return rng.pick(['已上门走访并更新档案', '已链接相关服务资源', '已协调社区卫生服务中心上门']);
  return rng.pick(['已现场处置完毕', '已整改到位并拍照留存', '已清理完毕', '已维修完成', '已责令整改并复查合格']);
}

export const RETURN_REASONS = [
  '非本部门职责范围，请改派',
  '地址不准确，无法定位',
  '涉及多个部门，需指挥中心协调',
] as const;
export const HOLD_REASONS = ['等待业主配合入户', '等待配件到货', '需等待天气好转后施工', '等待当事人补充材料'] as const;
export const CANCEL_REASONS = ['报告人撤回', '经核实情况不属实', '问题已自行解决'] as const;
export const REVIEW_FAIL_REASONS = ['现场复查仍未整改到位', '处置照片与现场不符'] as const;
export const REOPEN_REASONS = ['居民再次反映问题未解决', '回访发现问题复发'] as const;
