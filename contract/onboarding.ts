// The onboarding checklist: the steps that take a district from its files to a working wall, in the order
// they depend on each other, each with what is already loaded in the caller's scope.
import { z } from 'zod';

export const ONBOARDING_STEPS = [
  'district',
  'street',
  'community',
  'buildings',
  // Before the grids: the re-gridder cuts blocks along the roads and keeps water out of them.
  'roads',
  'water',
  'grid',
  'special',
  'police',
  'resources',
  'workers',
  // Before the list: its rules name departments that must exist.
  'departments',
  'responsibilities',
  'residents',
] as const;
export const OnboardingStepName = z.enum(ONBOARDING_STEPS);
export type OnboardingStepName = z.infer<typeof OnboardingStepName>;

export const OnboardingStep = z.object({
  step: OnboardingStepName,
  /** Rows loaded in the caller's scope (areas of that level, buildings, road segments, workers, …); departments are the district's. */
  count: z.number().int(),
  /** Later steps need it: a wall without it shows nothing (districts, streets, communities, buildings, grids). */
  required: z.boolean(),
  /** Whether any of it holds generated (demo) data. */
  synthetic: z.boolean(),
});
export type OnboardingStep = z.infer<typeof OnboardingStep>;

export const OnboardingStatus = z.object({
  steps: z.array(OnboardingStep),
  /** The first required step with nothing loaded, else the first optional one; null when every step holds data. */
  next: OnboardingStepName.nullable(),
});
export type OnboardingStatus = z.infer<typeof OnboardingStatus>;
