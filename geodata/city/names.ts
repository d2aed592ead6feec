// Chinese names for the synthetic city: roads, streets (街道), communities (居民区), estates,
// campuses, people. Drawn from word lists with a seeded generator, unique where it matters.
import type { Rng } from './rng.js';

/** Road stems in the Shanghai manner (places across China), combined with 东/西/南/北/中. */
export const ROAD_STEMS = [
  '北京', '南京', '天津', '西藏', '新疆', '延安', '长寿', '武定', '康定', '昌平', '常德', '胶州', '江宁', '泰兴',
  '陕西', '石门', '海防', '宜昌', '西康', '余姚', '安远', '澳门', '长安', '大统', '恒丰', '共和', '中华', '天目',
  '蒙自', '普善', '洛川', '广延', '芷江', '临汾', '平型关', '交城', '汾西', '灵石', '永和', '万荣', '阳曲', '柳营',
  '中兴', '宝昌', '沪太', '场中', '岚皋', '汉中', '秣陵', '梅园', '青云', '运城', '保德', '闻喜', '广中', '灵丘',
  '宝山', '新闸', '北站', '大宁', '彭浦', '共康', '平顺', '原平', '大同', '太原', '晋城', '长治', '阳泉', '朔州',
  '忻州', '吕梁', '晋中', '襄汾', '侯马', '河津', '古交', '榆次', '介休', '孝义', '汾阳', '高平', '霍州', '永济',
  '安庆', '芜湖', '蚌埠', '淮南', '铜陵', '黄山', '滁州', '宣城', '池州', '六安', '亳州', '宿州', '阜阳', '巢湖',
  '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州', '丽水', '温州', '宁波', '镇江', '常州', '无锡', '苏州',
];
const ROAD_SIDES = ['', '东', '西', '南', '北', '中'];

const NAME_HEAD = [
  '华', '新', '康', '安', '和', '永', '嘉', '春', '景', '明', '静', '祥', '瑞', '福', '泰', '宝', '金', '丽', '锦', '文',
  '德', '兴', '平', '宁', '昌', '盛', '荣', '美', '怡', '欣', '正', '光', '天', '东', '西', '南', '北', '中', '长', '万',
];
const NAME_TAIL = [
  '兴', '华', '安', '康', '乐', '和', '福', '平', '宁', '泰', '盛', '昌', '荣', '阳', '明', '光', '德', '丰', '源', '馨',
  '怡', '祥', '瑞', '新', '城', '园', '苑', '里', '江', '湖', '山', '河', '桥', '林', '庭', '景',
];
const ESTATE_SUFFIX = ['佳苑', '新村', '公寓', '花园', '小区', '大厦', '名邸', '雅苑', '华庭', '家园', '坊', '里', '公馆', '新苑'];

/** Common surnames, most frequent first (drawn with falling weights). */
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '邓', '冯', '韩', '曹', '曾', '彭', '蔡', '潘', '田', '董', '袁', '于', '余', '叶',
  '蒋', '杜', '苏', '魏', '程', '吕', '丁', '沈', '任', '姚', '卢', '傅', '钟', '姜', '崔', '谭', '陆', '金', '顾', '钱',
];
const SURNAME_WEIGHTS = SURNAMES.map((_, k) => 1 / (k + 8));
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '建', '国', '文', '辉', '玲', '红', '佳', '丹', '晨', '浩', '宇', '欣', '怡', '婷', '雯', '琳',
  '斌', '峰', '蕾', '颖', '晓', '慧', '俊', '凯', '鹏', '飞', '燕', '萍', '倩', '瑶', '琪', '思', '嘉', '子', '梓', '然',
];

/** Draws names from a generator until one is not yet taken. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(private readonly rng: Rng) {}

  draw(make: (rng: Rng) => string): string {
    for (let k = 0; k < 200; k++) {
      const name = make(this.rng);
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
    // Fall back on a numbered variant (never reached with the lists above at full size).
    const base = make(this.rng);
    for (let n = 2; ; n++) {
      const name = `${base}${n}`;
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }

  reserve(name: string): void {
    this.taken.add(name);
  }
}

export const twoCharName = (rng: Rng) => rng.pick(NAME_HEAD) + rng.pick(NAME_TAIL);
export const roadStem = (rng: Rng) => rng.pick(ROAD_STEMS) + rng.pick(ROAD_SIDES);
export const estateName = (rng: Rng) => twoCharName(rng) + rng.pick(ESTATE_SUFFIX);

export function streetName(rng: Rng, town: boolean): string {
  return town ? `${rng.pick(ROAD_STEMS)}镇` : `${roadStem(rng)}路街道`;
}

export function communityName(rng: Rng): string {
  return rng.chance(0.8) ? `${twoCharName(rng)}居民区` : `${twoCharName(rng)}社区`;
}

/** The name without its level suffix, e.g. '华兴居民区' → '华兴'. */
export function shortName(name: string): string {
  return name.replace(/(路街道|街道|镇|居民区|社区)$/, '');
}

export function personName(rng: Rng): string {
  const surname = SURNAMES[rng.weighted(SURNAME_WEIGHTS)];
  return surname + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
}

/** A masked mobile number, e.g. '139****1234'. */
export function maskedPhone(rng: Rng): string {
  return `13${rng.int(0, 9)}****${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

export const PARK_NAMES = ['静安公园', '大宁公园', '彭浦公园', '闸北公园', '中兴绿地', '不夜城绿地', '岭南公园', '广延公园', '洛川绿地', '永和公园', '临汾公园', '共康绿地'];
