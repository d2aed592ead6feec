// HTTP: GET /api/onboarding — the checklist from a district's files to a working wall, with what each step has
// loaded in the caller's scope and the step to take next.
import { Router } from 'express';
import { ONBOARDING_STEPS, OnboardingStatus, type OnboardingStepName } from '../../contract/onboarding.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { onboardingCounts } from './queries.js';

const REQUIRED: ReadonlySet<OnboardingStepName> = new Set(['district', 'street', 'community', 'buildings', 'grid']);

export async function onboardingStatus(db: Db, path: string): Promise<OnboardingStatus> {
  const counts = await onboardingCounts(db, path);
  const steps = ONBOARDING_STEPS.map((step) => ({
    step,
    count: counts[step]?.count ?? 0,
    required: REQUIRED.has(step),
    synthetic: counts[step]?.synthetic ?? false,
  }));
  const empty = steps.filter((s) => s.count === 0);
  const next = empty.find((s) => s.required) ?? empty[0] ?? null;
  return { steps, next: next?.step ?? null };
}

export function onboardingRoutes(db: Db): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/onboarding',
      tag: 'imports',
      access: 'any',
      summary: 'The onboarding checklist: what each step (district … residents) has loaded in your scope, and the next',
      response: OnboardingStatus,
    },
    ({ user }) => onboardingStatus(db, user!.areaPath),
  );
  return r;
}
