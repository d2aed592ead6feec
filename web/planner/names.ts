// Display names of need items, respondent groups and resource kinds in the current language.
import { GROUP_NAMES, NEED_ITEMS, type RespondentGroup } from '@contract/needs';

export const needName = (code: string, locale: string): string => {
  const it = NEED_ITEMS.find((i) => i.code === code);
  return it ? (locale === 'en' ? it.en : it.zh) : code;
};
export const groupName = (code: string, locale: string): string => {
  const g = GROUP_NAMES[code as RespondentGroup];
  return g ? (locale === 'en' ? g.en : g.zh) : code;
};
export const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)}%`;
