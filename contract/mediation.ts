// 三级调解 three-level dispute mediation: 网格员初调 (grid) → 社区调委会 (community) → 街道司法所 (street). A dispute
// order gets one mediation; each stage holds sessions, may refer the case up, and the stage that ends it records
// the outcome (an agreement needs a photo of the signed agreement) and schedules follow-up visits (回访).
// Parties are counted by role (申请人/被申请人/第三人), never named.
import { z } from 'zod';
import { AreaId } from './areas.js';
import { DISPUTE_CAUSE_CODES } from './dispute-causes.js';

export const MEDIATION_STAGES = ['grid', 'community', 'street'] as const;
export const MediationStage = z.enum(MEDIATION_STAGES);
export type MediationStage = z.infer<typeof MediationStage>;

/** The stage a referral goes to; null at the street, the last stage. */
export const NEXT_STAGE: Readonly<Record<MediationStage, MediationStage | null>> = {
  grid: 'community',
  community: 'street',
  street: null,
};

/** How a mediation ends: 达成协议 / 未达成协议 / 移交其他部门 / 建议诉讼. */
export const MEDIATION_OUTCOMES = ['agreement', 'no_agreement', 'referred', 'litigation_advised'] as const;
export const MediationOutcome = z.enum(MEDIATION_OUTCOMES);
export type MediationOutcome = z.infer<typeof MediationOutcome>;

export const MEDIATION_STATUSES = ['open', ...MEDIATION_OUTCOMES] as const;
export const MediationStatus = z.enum(MEDIATION_STATUSES);
export type MediationStatus = z.infer<typeof MediationStatus>;

/** What one session ended with: another session follows, or the parties agreed or did not. */
export const SESSION_OUTCOMES = ['continued', 'agreement', 'no_agreement', 'referred'] as const;
export const SessionOutcome = z.enum(SESSION_OUTCOMES);
export type SessionOutcome = z.infer<typeof SessionOutcome>;

export const PARTY_ROLES = ['applicant', 'respondent', 'third_party'] as const;
export const DisputePartyRole = z.enum(PARTY_ROLES);

/** One side of a dispute: its role and how many people it is; no names, no identity numbers. */
export const DisputeParty = z.object({ role: DisputePartyRole, count: z.number().int().min(1).max(999) });
export type DisputeParty = z.infer<typeof DisputeParty>;

/** Days after an agreement when its follow-up visits fall due, unless the outcome names others. */
export const DEFAULT_FOLLOWUP_DAYS = [7, 30] as const;

const Text = (max: number) => z.string().trim().min(1, 'mediation.textRequired').max(max);

export const MediationOpen = z.object({
  causeCode: z.enum(DISPUTE_CAUSE_CODES),
  focus: Text(1000),
  parties: z.array(DisputeParty).min(1).max(6),
});
export type MediationOpen = z.infer<typeof MediationOpen>;

export const SessionInput = z.object({
  note: Text(2000),
  outcome: z.enum(['continued', 'agreement', 'no_agreement']).default('continued'),
  heldAt: z.iso.datetime().optional(),
});
export type SessionInput = z.infer<typeof SessionInput>;

export const ReferInput = z.object({ reason: Text(1000) });
export type ReferInput = z.infer<typeof ReferInput>;

export const OutcomeInput = z.object({
  outcome: MediationOutcome,
  note: Text(2000),
  /** Photos of the signed agreement (ids from POST /api/photos); required for an agreement. */
  photos: z.array(z.string().min(1).max(64)).max(6).default([]),
  /** Days from now of the follow-up visits; DEFAULT_FOLLOWUP_DAYS when left out. */
  followupDays: z.array(z.number().int().min(1).max(365)).max(4).optional(),
});
export type OutcomeInput = z.infer<typeof OutcomeInput>;

export const FollowupInput = z.object({ followupId: z.number().int().positive(), note: Text(2000) });
export type FollowupInput = z.infer<typeof FollowupInput>;

export const MediationSession = z.object({
  id: z.number().int(),
  stage: MediationStage,
  heldAt: z.string(),
  mediator: z.string(),
  note: z.string(),
  outcome: SessionOutcome,
});
export type MediationSession = z.infer<typeof MediationSession>;

export const MediationFollowup = z.object({
  id: z.number().int(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
  by: z.string().nullable(),
});
export type MediationFollowup = z.infer<typeof MediationFollowup>;

export const Mediation = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  stage: MediationStage,
  status: MediationStatus,
  causeCode: z.string(),
  focus: z.string(),
  parties: z.array(DisputeParty),
  agreementPhotos: z.array(z.string()),
  outcomeNote: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  sessions: z.array(MediationSession),
  followups: z.array(MediationFollowup),
  /** Whether the reader is the party of the current stage (may hold sessions, refer up, record the outcome). */
  canAct: z.boolean(),
  /** Whether the reader may log a follow-up visit. */
  canFollowUp: z.boolean(),
});
export type Mediation = z.infer<typeof Mediation>;

/** GET /api/orders/:id/mediation: the order's mediation, or null with whether the reader may open one. */
export const MediationOfOrder = z.object({ mediation: Mediation.nullable(), canOpen: z.boolean() });
export type MediationOfOrder = z.infer<typeof MediationOfOrder>;

export const MediationListQuery = z.object({
  area: AreaId.optional(),
  status: MediationStatus.optional(),
});

export const MediationListItem = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  stage: MediationStage,
  status: MediationStatus,
  causeCode: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  nextFollowupDue: z.string().nullable(),
});
export type MediationListItem = z.infer<typeof MediationListItem>;

export const MEDIATION_GROUPS = ['stage', 'type', 'area', 'cause'] as const;
export const MediationStatsQuery = z.object({
  area: AreaId.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  groupBy: z.enum(MEDIATION_GROUPS).default('stage'),
});
export type MediationStatsQuery = z.infer<typeof MediationStatsQuery>;

/**
 * One group's figures. Counts are published under the disclosure rule (0, withheld under 10, else rounded to 10):
 * a withheld group has null count, settled, rate and cycle time.
 */
export const MediationStatsRow = z.object({
  /** The stage, the category code, the area id or the cause code. */
  key: z.string(),
  /** The area's name, for groupBy=area. */
  name: z.string().optional(),
  count: z.number().nullable(),
  open: z.number().nullable(),
  settled: z.number().nullable(),
  /** Settled (agreement) over closed, 0–1, whole percentage points. */
  settlementRate: z.number().nullable(),
  /** Median days from opening to closing, of the closed ones. */
  medianDays: z.number().nullable(),
});
export type MediationStatsRow = z.infer<typeof MediationStatsRow>;

export const MediationStats = z.object({
  total: MediationStatsRow,
  rows: z.array(MediationStatsRow),
  /** Groups withheld because fewer than 10 mediations fall in them. */
  suppressed: z.number().int(),
});
export type MediationStats = z.infer<typeof MediationStats>;
