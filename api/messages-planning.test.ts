// Every message of the planning and data domains (imports, evaluation, needs, population, resources, photos,
// siting, areas, tiles, meta, export, seed, coordinate detection) is a code in contract/messages: no source file
// there may still hold a bilingual "中文 / English" literal for a person to read.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AREA_LEVELS } from '../contract/areas.js';
import { MESSAGES, type MessageKey } from '../contract/messages/index.js';
import { NEED_ITEMS } from '../contract/needs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = [
  'api/import',
  'api/evaluation',
  'api/needs',
  'api/population',
  'api/resources',
  'api/photos',
  'api/siting',
  'api/areas',
  'api/tiles',
  'api/meta',
  'api/export',
  'api/seed',
  'geodata/crs',
];
/** Lines that may keep both languages, and why. */
const ALLOWED: [file: string, pattern: RegExp][] = [
  // The upload receiver's own refusals (size limit, malformed multipart) move to the shared receiver.
  ['api/import/routes.ts', /LIMIT_FILE_SIZE|malformed upload/],
  ['api/resources/routes.ts', /LIMIT_FILE_SIZE|malformed upload/],
  ['api/photos/routes.ts', /LIMIT_FILE_SIZE|malformed upload/],
  // The notes sheet of a downloadable template: a bilingual document, not a message.
  // (each row on its own line, or its two cells on lines of their own).
  ['api/population/import.ts', /^\s*(\['[a-z_]+ [\u4e00-\u9fff]+', '|'.*[\u4e00-\u9fff].*',?$)/],
  // A query schema's own issue text, shown as the {issue} parameter of common.invalidInput.
  ['api/needs/routes.ts', /month: z\.string\(\)\.regex/],
];

/** A string or template literal with Chinese, then " / ", then English: the form messages had before codes. */
const BILINGUAL = /(['`])(?:(?!\1).)*[\u4e00-\u9fff](?:(?!\1).)*\s\/\s*["A-Za-z](?:(?!\1).)*\1/;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [rel] : [];
  });
}

describe('messages of the planning and data domains', () => {
  it('finds the form it looks for', () => {
    expect(BILINGUAL.test("throw new NotFound('未找到 / not found')")).toBe(true);
    expect(BILINGUAL.test('reason: `第 ${n} 行 / line ${n}`')).toBe(true);
    expect(BILINGUAL.test("throw new NotFound(m('common.notFound'))")).toBe(false);
    expect(BILINGUAL.test('// 长者饭堂 / 社区食堂')).toBe(false);
  });

  it('holds no bilingual literal in any source file', () => {
    const found: string[] = [];
    for (const file of DIRS.flatMap(sources)) {
      fs.readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*)/.test(line) || !BILINGUAL.test(line)) return;
          if (ALLOWED.some(([f, p]) => f === file && p.test(line))) return;
          found.push(`${file}:${i + 1}: ${line.trim().slice(0, 100)}`);
        });
    }
    expect(found).toEqual([]);
  });
});

describe('names the catalogue holds for parameters', () => {
  it('has every need item under needs.item, as NEED_ITEMS names it, and every area level under import.level', () => {
    for (const i of NEED_ITEMS)
      expect(MESSAGES[`needs.item.${i.code}` as MessageKey], i.code).toEqual({ 'zh-CN': i.zh, en: i.en });
    for (const l of AREA_LEVELS) expect(MESSAGES[`import.level.${l}` as MessageKey], l).toBeDefined();
  });
});
