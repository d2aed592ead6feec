// Every message the server shows a person, as a code with parameters: errors, alarms and notices. The API
// sends the code, its parameters and the text in the request's language (Accept-Language, zh-CN by default);
// the web renders the code in the language on screen. One catalogue per domain, merged here.
import { accounts } from './accounts.js';
import { areas } from './areas.js';
import { auth } from './auth.js';
import { care } from './care.js';
import { common } from './common.js';
import { datalock } from './datalock.js';
import { evaluation } from './evaluation.js';
import { exportMessages } from './export.js';
import { geodata } from './geodata.js';
import { http } from './http.js';
import { importMessages } from './import.js';
import { inbox } from './inbox.js';
import { jobs } from './jobs.js';
import { layers } from './layers.js';
import { mediation } from './mediation.js';
import { meta } from './meta.js';
import { needs } from './needs.js';
import { orders } from './orders.js';
import { parties } from './parties.js';
import { photos } from './photos.js';
import { population } from './population.js';
import { privacy } from './privacy.js';
import { realtime } from './realtime.js';
import { resources } from './resources.js';
import { roster } from './roster.js';
import { routing } from './routing.js';
import { seed } from './seed.js';
import { siting } from './siting.js';
import { tiles } from './tiles.js';
import { upload } from './upload.js';
import type { Text } from './types.js';
import { wall } from './wall.js';
import { webhooks } from './webhooks.js';
import { workers } from './workers.js';

export type { Catalogue, Text } from './types.js';

export const MESSAGES = {
  ...common,
  ...datalock,
  ...accounts,
  ...areas,
  ...auth,
  ...care,
  ...evaluation,
  ...exportMessages,
  ...geodata,
  ...http,
  ...importMessages,
  ...inbox,
  ...jobs,
  ...layers,
  ...mediation,
  ...meta,
  ...needs,
  ...orders,
  ...parties,
  ...photos,
  ...population,
  ...privacy,
  ...realtime,
  ...resources,
  ...roster,
  ...routing,
  ...seed,
  ...siting,
  ...tiles,
  ...upload,
  ...wall,
  ...webhooks,
  ...workers,
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type Lang = keyof Text;
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/**
 * A parameter is a plain value, a message of its own or a name given in both languages (a category, a
 * department: rendered in the same language), or a list of these (joined as the language joins a list).
 */
export type MessageParam = string | number | Message | Text | readonly MessageParam[];
export interface Message {
  key: MessageKey;
  params?: Record<string, MessageParam>;
}

/** A name the contract keeps as `{ zh, en }` (a category, a department, a status), as a message parameter. */
export function named(name: { zh: string; en: string }): Text {
  return { 'zh-CN': name.zh, en: name.en };
}

/** A message by its code: `m('orders.notFound', { id })`. */
export function m(key: MessageKey, params?: Record<string, MessageParam>): Message {
  return params === undefined ? { key } : { key, params };
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Message).key === 'string' &&
    Object.hasOwn(MESSAGES, (value as Message).key)
  );
}

/** The message's text in one language; an unknown placeholder stays visible as `{name}`. */
export function renderMessage(msg: Message, lang: Lang): string {
  const text: Text | undefined = (MESSAGES as Record<string, Text>)[msg.key];
  if (!text) return msg.key;
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = msg.params?.[name];
    return value === undefined ? whole : renderParam(value, lang);
  });
}

const LIST_SEPARATOR: Text = { 'zh-CN': '、', en: ', ' };

function renderParam(value: MessageParam, lang: Lang): string {
  if (Array.isArray(value)) return value.map((v: MessageParam) => renderParam(v, lang)).join(LIST_SEPARATOR[lang]);
  if (typeof value !== 'object') return String(value);
  return 'key' in value ? renderMessage(value as Message, lang) : (value as Text)[lang];
}

/** Both languages in one line, for logs and the audit trail: "中文 / English". */
export function bilingual(msg: Message): string {
  return `${renderMessage(msg, 'zh-CN')} / ${renderMessage(msg, 'en')}`;
}

/** The language an `Accept-Language` header asks for among ours; zh-CN when it names neither. */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    if (r.tag === 'en' || r.tag.startsWith('en-')) return 'en';
    if (r.tag === 'zh' || r.tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'zh-CN';
}
