// Webhook subscriptions kept by administrators: within the administrator's scope only, the URL checked against
// server-side request forgery, the secret generated here and shown once. Every change is audited.
import crypto from 'node:crypto';
import { m } from '../../contract/messages/index.js';
import type { Delivery, Webhook, WebhookCreated, WebhookInput, WebhookPatch } from '../../contract/webhooks.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db } from '../db/index.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { AddressRefused, checkHookUrl } from './address-guard.js';
import * as sql from './queries.js';

export interface WebhookDeps {
  db: Db;
  /** Read at each check: private addresses allowed (GRIDWALL_WEBHOOK_ALLOW_PRIVATE). */
  settings: { readonly allowPrivate: boolean };
}

async function checkedUrl(deps: WebhookDeps, url: string): Promise<string> {
  try {
    return (await checkHookUrl(url, deps.settings.allowPrivate)).href;
  } catch (e) {
    if (e instanceof AddressRefused) throw new Invalid(e.text);
    throw e;
  }
}

export async function listHooks(deps: WebhookDeps, user: AuthUser): Promise<Webhook[]> {
  return sql.hooksInScope(deps.db, user.areaPath);
}

export async function hookInScope(deps: WebhookDeps, user: AuthUser, id: number): Promise<Webhook> {
  const h = (await sql.hooksInScope(deps.db, user.areaPath, id))[0];
  if (!h) throw new NotFound(m('webhooks.notFound', { id }));
  return h;
}

export async function createHook(
  deps: WebhookDeps,
  user: AuthUser,
  input: WebhookInput,
  ip?: string,
): Promise<WebhookCreated> {
  const url = await checkedUrl(deps, input.url);
  let areaId: number | null = user.areaId;
  let areaPath = user.areaPath;
  if (input.areaId !== undefined) {
    const a = await areaInScope(deps.db, user.areaPath, input.areaId);
    if (!a) throw new Forbidden(m('webhooks.areaNotInScope', { id: input.areaId }));
    areaId = input.areaId;
    areaPath = a.path;
  }
  const wantsOpen311 = input.topics.includes('open311.status');
  if (wantsOpen311 && input.clientAccountId === undefined) throw new Invalid(m('webhooks.clientRequired'));
  if (!wantsOpen311 && input.clientAccountId !== undefined) throw new Invalid(m('webhooks.clientOnlyForOpen311'));
  if (input.clientAccountId !== undefined && !(await sql.accountInScope(deps.db, areaPath, input.clientAccountId)))
    throw new Forbidden(m('webhooks.clientNotInScope', { id: input.clientAccountId }));
  const secret = crypto.randomBytes(32).toString('base64url');
  const id = await deps.db.tx(async (q) => {
    const id = await sql.insertHook(q, {
      name: input.name,
      url,
      secret,
      topics: [...new Set(input.topics)],
      areaId,
      areaPath,
      clientAccountId: input.clientAccountId ?? null,
      createdBy: user.id,
    });
    await audit(q, {
      accountId: user.id,
      action: 'webhook.create',
      target: `webhook:${id}`,
      detail: { name: input.name, url, topics: input.topics, areaId },
      ip,
    });
    return id;
  });
  return { webhook: await hookInScope(deps, user, id), secret };
}

export async function patchHook(
  deps: WebhookDeps,
  user: AuthUser,
  id: number,
  patch: WebhookPatch,
  ip?: string,
): Promise<Webhook> {
  const before = await hookInScope(deps, user, id);
  const url = patch.url !== undefined ? await checkedUrl(deps, patch.url) : undefined;
  const topics = patch.topics ? [...new Set(patch.topics)] : undefined;
  if (topics) {
    const open311 = topics.includes('open311.status');
    if (open311 && before.clientAccountId === null) throw new Invalid(m('webhooks.clientRequired'));
    if (!open311 && before.clientAccountId !== null) throw new Invalid(m('webhooks.clientOnlyForOpen311'));
  }
  await deps.db.tx(async (q) => {
    await sql.updateHook(q, id, { ...patch, url, topics });
    await audit(q, { accountId: user.id, action: 'webhook.update', target: `webhook:${id}`, detail: patch, ip });
  });
  return hookInScope(deps, user, id);
}

export async function removeHook(deps: WebhookDeps, user: AuthUser, id: number, ip?: string): Promise<void> {
  const h = await hookInScope(deps, user, id);
  await deps.db.tx(async (q) => {
    await sql.deleteHook(q, id);
    await audit(q, {
      accountId: user.id,
      action: 'webhook.delete',
      target: `webhook:${id}`,
      detail: { url: h.url },
      ip,
    });
  });
}

export async function hookDeliveries(
  deps: WebhookDeps,
  user: AuthUser,
  id: number,
  status: Delivery['status'] | undefined,
  limit: number,
): Promise<Delivery[]> {
  await hookInScope(deps, user, id);
  return sql.deliveriesOf(deps.db, id, status, limit);
}
