import { describe, expect, it } from 'vitest';
import { maskStrings, maskText } from './mask-text.js';

describe('maskText: 身份证 and other long numbers', () => {
  it('masks an 18-digit 身份证, with a digit or an X as its check character', () => {
    expect(maskText('身份证310104198903152817')).toBe('身份证310*************17');
    expect(maskText('身份证号：11010519491231002X。')).toBe('身份证号：110*************2X。');
    expect(maskText('证件 11010519491231002x')).not.toContain('1949');
  });

  it('masks the old 15-digit 身份证 and bank-card numbers', () => {
    expect(maskText('旧证 310104890315281')).toBe('旧证 310**********81');
    expect(maskText('卡号6222021234567890123')).toBe('卡号622**************23');
  });

  it('masks a number written in groups', () => {
    expect(maskText('身份证 310104 19890315 2817')).toBe('身份证 310***************17');
    expect(maskText('卡号 6222-0212-3456-7890')).not.toMatch(/3456|0212/);
  });

  it('masks numbers and letters typed full-width', () => {
    expect(maskText('电话１３８１２３４５６７８，身份证３１０１０４１９８９０３１５２８１７')).toBe(
      '电话138****5678，身份证310*************17',
    );
    expect(maskText('车牌沪Ａ１２３４５')).toBe('车牌沪A*****');
  });

  it('leaves shorter numbers and numbers inside codes alone', () => {
    expect(maskText('工单 12345，共 20 户，订单号 213912345678')).toBe('工单 12345，共 20 户，订单号 213912345678');
    expect(maskText('照片 ab310104198903152817cd')).toBe('照片 ab310104198903152817cd');
  });
});

describe('maskText: phones', () => {
  it('masks mobiles with or without +86, spaces or dashes', () => {
    expect(maskText('+86 13912345678 或 13800001111')).toBe('139****5678 或 138****1111');
    expect(maskText('电话 139-8765-4321')).toBe('电话 139****4321');
    expect(maskText('联系138 0000 1111')).toBe('联系138****1111');
  });

  it('masks landlines with an area code, in brackets or not, and their extension', () => {
    expect(maskText('座机021-62345678')).toBe('座机021-****5678');
    expect(maskText('(021)62345678 转 8')).toBe('(021)****5678 转 8');
    expect(maskText('（0571）87654321')).toBe('（0571）****4321');
    expect(maskText('010-6234567-123')).toBe('010-***4567-***');
  });

  it('masks a local number only where a label says it is a phone', () => {
    expect(maskText('电话：62345678')).toBe('电话：****5678');
    expect(maskText('Tel 6234567')).toBe('Tel ***4567');
    expect(maskText('面积 62345678 平方米')).toBe('面积 62345678 平方米');
  });
});

describe('maskText: names after a label', () => {
  it('keeps the surname of a name after 姓名, 联系人, 户主 and the like', () => {
    expect(maskText('姓名：张建国')).toBe('姓名：张**');
    expect(maskText('联系人张三，电话13812345678')).toBe('联系人张*，电话138****5678');
    expect(maskText('户主 欧阳娜娜')).toBe('户主 欧***');
    expect(maskText('投诉人:李四; 被投诉人: 王五')).toBe('投诉人:李*; 被投诉人: 王*');
    expect(maskText('我叫阿依古丽·买买提')).toBe('我叫阿*******');
    expect(maskText('业主是刘德华')).toBe('业主是刘**');
  });

  it('does not touch text without such a label', () => {
    expect(maskText('小区门口垃圾堆放三天，无人清运')).toBe('小区门口垃圾堆放三天，无人清运');
    expect(maskText('路灯不亮')).toBe('路灯不亮');
  });
});

describe('maskText: plates, chat ids and e-mail', () => {
  it('masks plates after the province and letter, new-energy plates included', () => {
    expect(maskText('车牌沪A12345')).toBe('车牌沪A*****');
    expect(maskText('新能源 沪AD12345 占道')).toBe('新能源 沪A****** 占道');
    expect(maskText('粤B·1234挂')).toBe('粤B·*****');
    expect(maskText('京a88888 停在消防通道')).toBe('京a***** 停在消防通道');
  });

  it('leaves words that only look like the start of a plate', () => {
    expect(maskText('沪ABCDE')).toBe('沪ABCDE');
    expect(maskText('新iPad')).toBe('新iPad');
  });

  it('masks WeChat and QQ ids after their label', () => {
    expect(maskText('微信 zhangjg_1989')).toBe('微信 ***');
    expect(maskText('加微信号：wxid-abc123，QQ 123456789')).toBe('加微信号：***，QQ ***');
    expect(maskText('vx:Abc_12345 扣扣:88886666')).toBe('vx:*** 扣扣:***');
  });

  it('masks e-mail addresses but keeps the domain', () => {
    expect(maskText('发到 zhang.san@example.com.cn')).toBe('发到 z***@example.com.cn');
  });
});

describe('maskText: flats', () => {
  it('masks room numbers, with or without the building', () => {
    expect(maskText('住3号楼502室')).toBe('住3号楼***室');
    expect(maskText('502室漏水')).toBe('***室漏水');
    expect(maskText('12-1-502室')).toBe('**-*-***室');
    expect(maskText('1201号房、302房间')).toBe('****号房、***房间');
  });

  it('masks the bare flat number after a building and unit', () => {
    expect(maskText('5栋2单元1201楼上漏水')).toBe('5栋2单元****楼上漏水');
    expect(maskText('三号楼502')).toBe('三号楼***');
  });

  it('keeps a building named alone (a stairwell, not a home)', () => {
    expect(maskText('3号楼楼道堆物')).toBe('3号楼楼道堆物');
  });
});

describe('maskText as a whole', () => {
  const report =
    '联系人：张建国，身份证310104198903152817，住3号楼502室，微信 zhangjg_1989，车牌沪A12345，电话13812345678，座机021-62345678';

  it("leaves none of the identifiers in a resident's report", () => {
    const out = maskText(report);
    for (const secret of [
      '建国',
      '310104198903152817',
      '19890315',
      '502',
      'zhangjg_1989',
      'A12345',
      '13812345678',
      '62345678',
    ])
      expect(out).not.toContain(secret);
    expect(out).toBe(
      '联系人：张**，身份证310*************17，住3号楼***室，微信 ***，车牌沪A*****，电话138****5678，座机021-****5678',
    );
  });

  it('is idempotent', () => {
    const once = maskText(report);
    expect(maskText(once)).toBe(once);
  });

  it('passes empty text through', () => {
    expect(maskText('')).toBe('');
  });
});

describe('maskStrings', () => {
  it('masks the named string values of a record and leaves the rest', () => {
    expect(maskStrings({ note: '电话13812345678', leadDept: 'urban_mgmt', n: 13812345678 }, ['note'])).toEqual({
      note: '电话138****5678',
      leadDept: 'urban_mgmt',
      n: 13812345678,
    });
    expect(maskStrings({ plate: '沪A12345', floor: 3 })).toEqual({ plate: '沪A*****', floor: 3 });
  });
});
