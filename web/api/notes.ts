// Notices inside a server result (an import problem, a refused row, an import's outcome) in the language on screen:
// rendered from their code when they carry one, else the text the server sent (reports stored before codes).
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { isMessage, renderMessage, type Lang, type Message } from '@contract/messages/index';

/** The code and parameters the server puts beside a notice's text. */
export interface Note {
  messageKey?: string;
  params?: Record<string, unknown>;
}

export function noteText(note: Note, text: string, lang: Lang): string {
  const msg = { key: note.messageKey, params: note.params } as Message;
  return isMessage(msg) ? renderMessage(msg, lang) : text;
}

/** `note(p, p.message)` in a template: follows the language switch. */
export function useNoteText() {
  const { locale } = useI18n();
  const lang = computed<Lang>(() => (locale.value === 'en' ? 'en' : 'zh-CN'));
  return (note: Note, text: string) => noteText(note, text, lang.value);
}
