// HTTP: POST /api/workers/roster (a roster file → its report, nothing written), /api/workers/roster/:id/accept
// (written in one transaction; the one-time passwords answered once) and /api/workers/roster/:id/cancel.
import { Router } from 'express';
import { RosterAccepted, RosterImportId, RosterReport, ROSTER_MAX_BYTES } from '../../contract/roster.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import { acceptRoster, analyseRoster, cancelRoster } from './roster.js';

const ROSTER_ROLES = ['admin', 'operator'] as const;

export function rosterRoutes(db: Db, workersChanged: () => void): Router {
  const r = Router();
  const receive = fileUpload({ field: 'file', maxBytes: ROSTER_MAX_BYTES });
  route(
    r,
    {
      method: 'post',
      path: '/api/workers/roster',
      tag: 'workers',
      access: ROSTER_ROLES,
      summary:
        'Check a grid-worker roster (multipart "file": CSV or XLSX with name/姓名, phone/手机号, grids/网格) → its report; nothing is written until accepted',
      response: RosterReport,
      status: 201,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      return analyseRoster(db, user!, file.originalname, file.buffer);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/workers/roster/:id/accept',
      tag: 'workers',
      access: ROSTER_ROLES,
      summary:
        'Write a checked roster in one transaction: workers (updated by phone), their grids, accounts with one-time passwords (answered here once, never stored in clear)',
      params: RosterImportId,
      response: RosterAccepted,
      errors: {
        404: 'no such roster import in your scope',
        409: 'refused rows, already decided, or a grid changed since the report (nothing written)',
      },
    },
    async ({ params, user, req, res }) => {
      const out = await acceptRoster(db, user!, params.id, req.ip);
      workersChanged();
      res.setHeader('Cache-Control', 'no-store');
      return out;
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/workers/roster/:id/cancel',
      tag: 'workers',
      access: ROSTER_ROLES,
      summary: 'Cancel a checked roster: nothing is written',
      params: RosterImportId,
      response: RosterReport,
      errors: { 404: 'no such roster import in your scope', 409: 'already decided' },
    },
    ({ params, user }) => cancelRoster(db, user!, params.id),
  );
  return r;
}
