// The shape of a message catalogue: each key has its text in both languages, with `{name}` placeholders
// filled from the message's parameters (the same syntax vue-i18n uses).
export interface Text {
  'zh-CN': string;
  en: string;
}
export type Catalogue = Record<string, Text>;
