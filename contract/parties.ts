// The parties that hold and act on an order (五级联动): a grid, a community, a street, the district centre, or a
// department. An account acts for one party: a grid worker for their grid, a dispatcher for the level of its scope,
// a department account for its department.
import { z } from 'zod';

export const PARTY_KINDS = ['grid', 'community', 'street', 'centre', 'department'] as const;
export const PartyKind = z.enum(PARTY_KINDS);
export type PartyKind = z.infer<typeof PartyKind>;

export const Party = z.object({
  kind: PartyKind,
  /** The party's area: the grid, community or street itself; the district for the centre and a department. */
  areaId: z.number().int(),
  /** The department's code; only for kind 'department'. */
  dept: z.string().optional(),
});
export type Party = z.infer<typeof Party>;

/** A party with the name a screen shows (东风社区居委会, 城管局). */
export const NamedParty = Party.extend({ name: z.string() });
export type NamedParty = z.infer<typeof NamedParty>;

/** The level above a party in the hand-up ladder grid → community → street → centre; null at the top. */
export const HAND_UP_NEXT: Readonly<Record<PartyKind, PartyKind | null>> = {
  grid: 'community',
  community: 'street',
  street: 'centre',
  centre: null,
  department: null,
};

/** Supervising levels as escalation_level counts them. */
export const SUPERVISING_LEVELS = ['grid', 'community', 'street', 'centre'] as const;

export const sameParty = (a: Party | null | undefined, b: Party | null | undefined): boolean =>
  !!a && !!b && a.kind === b.kind && a.areaId === b.areaId && (a.dept ?? null) === (b.dept ?? null);
