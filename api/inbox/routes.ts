// HTTP: the signed-in account's inbox — order events addressed to its party — and its read marks.
import { Router } from 'express';
import { InboxList, InboxQuery, InboxReadRequest } from '../../contract/inbox.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { inboxPartyOf } from './party.js';
import { inboxItems, markRead } from './queries.js';

export function inboxRoutes(db: Db): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/inbox',
      tag: 'orders',
      access: 'any',
      summary: "Order events addressed to the caller's party (handed to it, escalated to it, asking it), newest first",
      query: InboxQuery,
      response: InboxList,
    },
    async ({ query, user }) => {
      const party = await inboxPartyOf(db, user!);
      if (!party) return { items: [], unread: 0 };
      return inboxItems(db, user!.areaPath, user!.id, party, query.unread === 'true', query.limit);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/inbox/read',
      tag: 'orders',
      access: 'any',
      summary: 'Marks inbox events read: everything up to a seq, or the events named',
      body: InboxReadRequest,
      status: 204,
    },
    async ({ body, user }) => {
      await markRead(db, user!.id, body.upTo, body.ids ?? []);
      return undefined;
    },
  );
  return r;
}
