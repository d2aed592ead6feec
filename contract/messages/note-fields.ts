// The fields a spoken notice carries beside its text (see speak.ts): add them to a schema whose object holds
// one message (`message`, `reason`, `summary`), so the web can render it by its code in the language on screen.
import { z } from 'zod';

export const NoteFields = {
  /** The text's code in contract/messages; absent on reports stored before messages had codes. */
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
};
