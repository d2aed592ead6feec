// A message as it travels inside a payload (an alarm, a notice, an ack's error): its code and parameters,
// rendered by whoever shows it, in the language on screen. The server still checks what arrives.
import { z } from 'zod';

export const MessageBody = z.object({
  key: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type MessageBody = z.infer<typeof MessageBody>;
