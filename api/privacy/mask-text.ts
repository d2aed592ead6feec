// Masks personal identifiers that people type into free text (an order's description, a note, a reason):
// 身份证 and bank-card numbers, mobile and landline phones, names after a label (姓名/联系人/户主 …),
// licence plates (沪A12345, new-energy 沪AD12345), WeChat/QQ ids and e-mail addresses, and flat numbers
// (3号楼502室, 502室). Pure and idempotent: masking masked text changes nothing. It errs on the side of
// masking: a stray number looking like a phone is hidden too. Who sees text unmasked is decided in
// free-text.ts, not here.

const stars = (n: number) => '*'.repeat(Math.max(1, n));
/** Each digit hidden, the separators kept: 3-502 → *-***. */
const hideDigits = (s: string) => s.replace(/\d/g, '*');

// 15–19 digits (18-digit 身份证 with its X check digit, the old 15-digit 身份证, bank cards), also written in
// groups (310104 19890315 2817); keeps 3 + 2.
const LONG_NUMBER = /(?<![0-9A-Za-z])\d(?:[ -]?\d){13,17}[ -]?[\dXx](?![0-9A-Za-z])/g;

/** Full-width digits and Latin letters (１３８…, ＡＢＣ), as Chinese input methods type them, made ASCII. */
const halfWidth = (s: string) =>
  s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const EMAIL = /([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

// WeChat / QQ ids after their label: 微信 zhang_san88, wx:abc123, QQ 12345678, 扣扣：123456.
const CHAT_ID =
  /(微信号?|威信|v信|weixin|wechat|wx|vx|QQ号?|扣扣)(\s*[:：]?\s*)([A-Za-z0-9][-_A-Za-z0-9]{4,19})(?![-_A-Za-z0-9])/gi;

// Mainland mobiles, with or without +86, spaces or dashes: 138****5678.
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;

// Landlines with an area code: 021-62345678, (021)62345678, （0571）87654321, with an optional extension.
const LANDLINE = /(?<![\d*])(\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})([\s-]?)([2-9]\d{6,7})((?:[-转]\d{1,5})?)(?!\d)/g;

// A local number without its area code, where a label says it is a phone: 电话 62345678.
const LABELLED_LOCAL = /(电话|座机|固话|手机|联系方式|tel|phone)(\s*[:：]?\s*)(\d{7,8})(?!\d)/gi;

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
// 沪A12345, 沪A·12345, new-energy 沪AD12345 (six after the letter), 粤B1234挂; at least one digit after the letter.
const PLATE = new RegExp(
  `([${PROVINCES}])([A-Za-z])([\\s·•.-]?)(?=[A-Za-z0-9]{0,5}\\d)([A-Za-z0-9]{4,5}[A-Za-z0-9挂学警港澳])(?![A-Za-z0-9])`,
  'g',
);

// A name after the label that announces it: 2–4 Han characters, and a second part after · (阿依古丽·买买提);
// the first character kept: 张建国 → 张**.
const NAME_LABELS = [
  '联系人姓名',
  '联系人',
  '姓名',
  '名字',
  '户主',
  '业主',
  '租户',
  '房东',
  '报告人',
  '反映人',
  '投诉人',
  '被投诉人',
  '举报人',
  '求助人',
  '当事人',
  '申请人',
  '被申请人',
  '监护人',
  '车主',
  '我叫',
].join('|');
const NAME = new RegExp(
  `(${NAME_LABELS}|name)(\\s*[:：是为]?\\s*)([\\u4e00-\\u9fa5]{2,4}(?:[·•][\\u4e00-\\u9fa5]{1,8})?)`,
  'gi',
);

// Flats: 502室, 3-502室, 1201号房, 502房间; and the bare flat after a building: 3号楼502, 5栋2单元1201.
const ROOM = /(?<![\d*])(\d{1,4}(?:[-－]\d{1,4}){0,2})(\s*)(室|号房|房间)/g;
const FLAT_AFTER_BUILDING =
  /((?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:号楼|幢|栋|座)(?:\s*\d{1,2}\s*单元)?\s*[-－]?\s*)(\d{3,4})(?![\d室号])/g;

/** The text with every personal identifier it holds masked. */
export function maskText(text: string): string {
  if (!text) return text;
  return halfWidth(text)
    .replace(LONG_NUMBER, (m) => `${m.slice(0, 3)}${stars(m.length - 5)}${m.slice(-2)}`)
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
    .replace(CHAT_ID, (_m, label: string, sep: string) => `${label}${sep}***`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(
      LANDLINE,
      (_m, area: string, sep: string, num: string, ext: string) =>
        `${area}${sep}${stars(num.length - 4)}${num.slice(-4)}${ext ? hideDigits(ext) : ''}`,
    )
    .replace(
      LABELLED_LOCAL,
      (_m, label: string, sep: string, num: string) => `${label}${sep}${stars(num.length - 4)}${num.slice(-4)}`,
    )
    .replace(
      PLATE,
      (_m, prov: string, letter: string, sep: string, rest: string) => `${prov}${letter}${sep}${stars(rest.length)}`,
    )
    .replace(
      NAME,
      (_m, label: string, sep: string, name: string) => `${label}${sep}${name[0]}${stars(name.length - 1)}`,
    )
    .replace(ROOM, (_m, num: string, sep: string, unit: string) => `${hideDigits(num)}${sep}${unit}`)
    .replace(FLAT_AFTER_BUILDING, (_m, building: string, flat: string) => `${building}${stars(flat.length)}`);
}

/** The same rule over the string values of a record (an event's note and comment, a category's text fields). */
export function maskStrings<T extends Record<string, unknown>>(record: T, keys?: readonly string[]): T {
  const out: Record<string, unknown> = { ...record };
  for (const [k, v] of Object.entries(record))
    if (typeof v === 'string' && (!keys || keys.includes(k))) out[k] = maskText(v);
  return out as T;
}
