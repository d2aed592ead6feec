// HTTP of care files: who is due a visit this week (the phone), referrals raised from a visit, listed in scope,
// answered and closed, and areas' own visit rules. Visits and their compliance are in routes.ts.
import type { Router } from 'express';
import { z } from 'zod';
import {
  VisitRule,
  VisitRuleRow,
  DueList,
  DueQuery,
  Referral,
  ReferralAnswer,
  ReferralCreate,
  ReferralQuery,
  REFERRAL_DEPTS,
} from '../../contract/care.js';
import { DbIdText } from '../../contract/ids.js';
import { route } from '../http/route.js';
import { dueThisWeek } from './care-due.js';
import { PERSON_READERS } from './compliance.js';
import {
  REFERRAL_ANSWERERS,
  REFERRAL_READERS,
  answerReferral,
  closeReferral,
  listReferrals,
  referFromVisit,
} from './referrals.js';
import type { WorkerDeps } from './service.js';
import { RULE_EDITORS, listVisitRules, removeVisitRule, setVisitRule } from './visit-rules.js';

const IdParams = z.object({ id: DbIdText });

export function careRoutes(r: Router, deps: WorkerDeps): void {
  route(
    r,
    {
      method: 'get',
      path: '/api/visits/due',
      tag: 'workers',
      access: PERSON_READERS,
      summary:
        "Special-group residents of the worker's grids (the scope, for the center's staff) not yet visited as their rule asks this ISO week; audited with the stated purpose",
      query: DueQuery,
      response: DueList,
    },
    ({ query, user, req }) => dueThisWeek(deps, user!, query.purpose, req.ip ?? ''),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/visits/:id/referrals',
      tag: 'workers',
      access: PERSON_READERS,
      summary: 'Refer the resident of a visit to departments (民政/残联/卫健/教育), one referral per department',
      params: IdParams,
      body: z.object({ referrals: z.array(ReferralCreate).min(1).max(REFERRAL_DEPTS.length) }),
      response: z.array(Referral),
      status: 201,
      errors: { 404: 'no such visit in your scope' },
    },
    ({ params, body, user }) => referFromVisit(deps, user!, params.id, body.referrals),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/referrals',
      tag: 'workers',
      access: REFERRAL_READERS,
      summary:
        'Referrals in scope (a grid worker: their grids), oldest first; overdue=true: open past GRIDWALL_REFERRAL_DAYS',
      query: ReferralQuery,
      response: z.array(Referral),
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => listReferrals(deps, user!, query),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/referrals/:id/answer',
      tag: 'workers',
      access: REFERRAL_ANSWERERS,
      summary: "Record the department's answer to an open referral (audited)",
      params: IdParams,
      body: ReferralAnswer,
      response: Referral,
      errors: { 404: 'no such referral in your scope', 409: 'the referral is not open' },
    },
    ({ params, body, user, req }) => answerReferral(deps, user!, params.id, body.answer, req.ip ?? ''),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/referrals/:id/close',
      tag: 'workers',
      access: REFERRAL_READERS,
      summary: 'Close a referral (audited)',
      params: IdParams,
      response: Referral,
      errors: { 404: 'no such referral in your scope', 409: 'the referral is already closed' },
    },
    ({ params, user, req }) => closeReferral(deps, user!, params.id, req.ip ?? ''),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/visit-rules',
      tag: 'workers',
      access: ['admin', 'operator', 'supervisor'],
      summary: "Areas' own visit rules in scope and above it (grids without one follow GRIDWALL_VISITS_PER_WEEK)",
      response: z.array(VisitRuleRow),
    },
    ({ user }) => listVisitRules(deps.db, user!),
  );
  route(
    r,
    {
      method: 'put',
      path: '/api/visit-rules/:id',
      tag: 'workers',
      access: RULE_EDITORS,
      summary:
        "Set an area's own visit rule (a remote grid: {per: 'month', visits: 2}); its grids without a nearer rule follow it (audited)",
      params: IdParams,
      body: VisitRule,
      response: VisitRuleRow,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ params, body, user, req }) => setVisitRule(deps.db, user!, params.id, body, req.ip ?? ''),
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/visit-rules/:id',
      tag: 'workers',
      access: RULE_EDITORS,
      summary: "Remove an area's own visit rule: its grids follow the rule above again (audited)",
      params: IdParams,
      status: 204,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ params, user, req }) => {
      await removeVisitRule(deps.db, user!, params.id, req.ip ?? '');
    },
  );
}
