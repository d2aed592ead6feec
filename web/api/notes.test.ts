import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '@contract/imports';
import { m } from '@contract/messages/index';
import { speak } from '@contract/messages/speak';
import { noteText, type Note } from './notes';

// A problem as the import service builds it, and as the API sends it to a client that asked in Chinese.
const built = {
  severity: 'warning',
  kind: 'overlaps_sibling',
  feature: 3,
  message: m('import.overlapExisting', {
    name: '东湖社区',
    level: m('import.level.community'),
    other: '西湖社区',
    share: '12.5%',
  }),
  geometry: null,
} as const;

describe('an import report row', () => {
  it('renders in the language on screen from its code, whatever language the server answered in', () => {
    const sent: ImportProblem = speak(built, 'zh-CN');
    expect(sent.message).toBe('「东湖社区」与现有社区「西湖社区」重叠 12.5%');
    expect(sent.messageKey).toBe('import.overlapExisting');
    expect(noteText(sent, sent.message, 'zh-CN')).toBe('「东湖社区」与现有社区「西湖社区」重叠 12.5%');
    expect(noteText(sent, sent.message, 'en')).toBe('"东湖社区" overlaps the existing community "西湖社区" by 12.5%');
  });

  it('shows a report stored before messages had codes as it was written', () => {
    const old: Note & { message: string } = { message: '「A」没有几何 / "A" has no geometry' };
    expect(noteText(old, old.message, 'en')).toBe(old.message);
    expect(noteText({ messageKey: 'no.such.key' }, 'as sent', 'zh-CN')).toBe('as sent');
  });
});
