// The signed-in account's inbox and its read marks.
import type { InboxList } from '@contract/inbox';
import { request } from './client';

export const getInbox = (query: { unread?: 'true' | 'false'; limit?: number } = {}) =>
  request<InboxList>('/api/inbox', { query });
export const markInboxRead = (body: { upTo?: number; ids?: number[] }) =>
  request<void>('/api/inbox/read', { method: 'POST', body });
