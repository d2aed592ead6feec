import { describe, expect, it } from 'vitest';
import { bilingual, langOf, m, MESSAGES, renderMessage, type Catalogue } from './index.js';
import * as files from './catalogues.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('message catalogues', () => {
  it('each file keeps its keys under its own prefix, and no key is defined twice', () => {
    const seen = new Map<string, string>();
    for (const [prefix, catalogue] of Object.entries(files.byPrefix as Record<string, Catalogue>)) {
      for (const key of Object.keys(catalogue)) {
        expect(key.startsWith(`${prefix}.`), `${key} in ${prefix}.ts`).toBe(true);
        expect(seen.has(key), `${key} twice`).toBe(false);
        seen.set(key, prefix);
      }
    }
    expect(seen.size).toBe(Object.keys(MESSAGES).length);
  });

  it('both languages have the same placeholders, and neither is empty nor bilingual', () => {
    for (const [key, text] of Object.entries(MESSAGES as Catalogue)) {
      expect(placeholders(text.en), key).toEqual(placeholders(text['zh-CN']));
      expect(text['zh-CN'].trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
      expect(text['zh-CN'], key).not.toContain(' / ');
      expect(text.en, key).not.toContain(' / ');
    }
  });
});

describe('renderMessage', () => {
  it('fills parameters, nested messages in the same language, and leaves unknown ones visible', () => {
    expect(renderMessage(m('common.notFound'), 'en')).toBe('not found');
    expect(renderMessage(m('common.notFound'), 'zh-CN')).toBe('未找到');
    expect(bilingual(m('common.notFound'))).toBe('未找到 / not found');
    const nested = m('common.nulCharacter', { where: m('common.where.body'), at: 'name' });
    expect(renderMessage(nested, 'zh-CN')).toBe('请求体含有空字符（NUL）：name');
    expect(renderMessage(nested, 'en')).toBe('invalid request body: name holds a NUL character');
    expect(renderMessage(m('common.invalidInput', { where: 'x', at: '' }), 'en')).toBe('invalid x: {issue}');
  });

  it('renders a name given in both languages, and a list, as the language writes them', () => {
    const name = { 'zh-CN': '消防通道', en: 'Fire lane' };
    const msg = m('common.invalidInput', { where: name, at: '', issue: [m('common.where.body'), 3, name] });
    expect(renderMessage(msg, 'zh-CN')).toBe('消防通道无效：请求体、3、消防通道');
    expect(renderMessage(msg, 'en')).toBe('invalid Fire lane: request body, 3, Fire lane');
  });
});

describe('langOf', () => {
  it('reads Accept-Language by weight, zh-CN by default', () => {
    expect(langOf(undefined)).toBe('zh-CN');
    expect(langOf('')).toBe('zh-CN');
    expect(langOf('en-US,en;q=0.9')).toBe('en');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(langOf('fr-FR, en;q=0.5, zh;q=0.7')).toBe('zh-CN');
    expect(langOf('fr-FR, en;q=0.8, zh;q=0.7')).toBe('en');
    expect(langOf('de')).toBe('zh-CN');
    expect(langOf('en;q=0, zh-TW')).toBe('zh-CN');
  });
});
