// Work orders (工单): the report a resident or grid worker files, the actions that move it through
// its life, the events that record each move, and the Socket.IO event maps that push them live.
// 退单 return: a department sends an order back to the center; 挂起 hold; 销号 close-out: verified
// and archived; 回访 callback: the center phones the reporter for a rating.
import { z } from 'zod';
import { named } from './messages/index.js';
import { MessageBody } from './messages/schema.js';
import { Role } from './auth.js';
import { DEPARTMENTS, ORDER_FAMILIES, categoryByCode } from './order-categories.js';
import { DbIdText } from './ids.js';
import { NamedParty, Party } from './parties.js';

/** 一般 / 较大 / 重大 */
export const HAZARD_LEVELS = ['general', 'major', 'critical'] as const;
export const HazardLevel = z.enum(HAZARD_LEVELS);
export type HazardLevel = z.infer<typeof HazardLevel>;

/** resolved = 待核查 pending review; closed = 销号; returned = 退单; on_hold = 挂起; duplicate = merged. */
export const ORDER_STATUSES = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'closed',
  'returned',
  'on_hold',
  'cancelled',
  'duplicate',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const ORDER_ACTIONS = [
  'accept',
  'dispatch',
  'start',
  'resolve',
  'review_pass',
  'review_fail',
  'return',
  'reroute',
  'hold',
  'resume',
  'rate',
  'close',
  'cancel',
  'mark_duplicate',
  'reopen',
  // The parties' moves (contract/parties.ts): 上报 hand up a level, 下派 hand down to a community or grid, 签收 a
  // department signs for it, 申请延期 / its decision, 协办 ask other departments to assist / their answer, a progress note.
  'hand_up',
  'hand_down',
  'sign',
  'request_extension',
  'decide_extension',
  'request_assist',
  'assist_update',
  'note',
] as const;
export type OrderActionName = (typeof ORDER_ACTIONS)[number];

/**
 * Everything an event can record: the report itself, the actions, the escalation ladder's steps, and a move to
 * another grid when the grids are redrawn (regrid: data holds fromGridId and toGridId).
 */
export const ORDER_EVENT_KINDS = ['report', ...ORDER_ACTIONS, 'yellow_card', 'red_card', 'escalate', 'regrid'] as const;
export const OrderEventKind = z.enum(ORDER_EVENT_KINDS);
export type OrderEventKind = z.infer<typeof OrderEventKind>;

export const ORDER_SOURCES = ['grid_worker', 'hotline_12345', 'open311', 'wall', 'app'] as const;
export const OrderSource = z.enum(ORDER_SOURCES);
export type OrderSource = z.infer<typeof OrderSource>;

/** 满意 / 基本满意 / 不满意 */
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;

export const OrderId = DbIdText;
const PhotoId = z.string().trim().min(1).max(64);
const Photos = z.array(PhotoId).max(9, 'orders.field.tooManyPhotos');
const DeptCode = z
  .string({ error: 'orders.field.chooseDepartment' })
  .trim()
  .min(1, 'orders.field.chooseDepartment')
  .max(64);
const Reason = z
  .string({ error: 'orders.field.reasonRequired' })
  .trim()
  .min(1, 'orders.field.reasonRequired')
  .max(500, 'orders.field.reasonTooLong');
const Note = z.string().trim().max(2000).optional();

// China's extent: a point outside it is a typo or a swapped lon/lat, not a place in the district.
// Messages are codes of contract/messages, with their parameters on the issue.
export const Lon = z.number({ error: 'orders.field.longitudeNumber' }).superRefine((v, ctx) => {
  if (!(Number.isFinite(v) && v >= 73 && v <= 135))
    ctx.addIssue({ code: 'custom', message: 'orders.field.longitudeRange', params: { value: String(v) } });
});
export const Lat = z.number({ error: 'orders.field.latitudeNumber' }).superRefine((v, ctx) => {
  if (!(Number.isFinite(v) && v >= 3 && v <= 54))
    ctx.addIssue({ code: 'custom', message: 'orders.field.latitudeRange', params: { value: String(v) } });
});

/** Chinese mobile number, optionally with +86. Spaces and dashes are tolerated and dropped. */
export const MobilePhone = z
  .string({ error: 'orders.field.mobileNumberRequired' })
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(?:\+?86)?1[3-9]\d{9}$/, 'orders.field.mobileFormat'));

export const ReporterContact = z.object({
  name: z.string({ error: 'orders.field.nameRequired' }).trim().min(1, 'orders.field.nameRequired').max(64),
  phone: MobilePhone,
});
export type ReporterContact = z.infer<typeof ReporterContact>;

export const OrderCreate = z
  .object({
    categoryCode: z.string({ error: 'orders.field.chooseCategory' }).trim().min(1, 'orders.field.chooseCategory'),
    description: z
      .string({ error: 'orders.field.describeProblem' })
      .trim()
      .min(1, 'orders.field.describeProblem')
      .max(2000, 'orders.field.descriptionTooLong'),
    lon: Lon,
    lat: Lat,
    hazardLevel: HazardLevel.optional(),
    reporter: ReporterContact.optional(),
    source: OrderSource,
    photos: Photos.optional(),
    /** The category's extra fields (see ORDER_CATEGORIES[].fields). */
    fields: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .superRefine((o, ctx) => {
    const cat = categoryByCode(o.categoryCode);
    if (!cat) {
      ctx.addIssue({
        code: 'custom',
        path: ['categoryCode'],
        message: 'orders.field.unknownCategory',
        params: { code: o.categoryCode },
      });
      return;
    }
    if (cat.hazardRequired && !o.hazardLevel) {
      ctx.addIssue({
        code: 'custom',
        path: ['hazardLevel'],
        message: 'orders.field.hazardLevelRequired',
        params: { category: named(cat) },
      });
    }
    const fields = o.fields ?? {};
    for (const f of cat.fields) {
      const v = fields[f.name];
      const field = named(f.label);
      if (v === undefined || v === '') {
        if (f.required)
          ctx.addIssue({
            code: 'custom',
            path: ['fields', f.name],
            message: 'orders.field.fieldRequired',
            params: { field },
          });
        continue;
      }
      const ok =
        f.type === 'number'
          ? typeof v === 'number' && Number.isFinite(v)
          : f.type === 'enum'
            ? typeof v === 'string' && (f.options ?? []).includes(v)
            : typeof v === 'string';
      if (!ok) {
        const expect = f.type === 'enum' ? (f.options ?? []).join('|') : f.type;
        ctx.addIssue({
          code: 'custom',
          path: ['fields', f.name],
          message: 'orders.field.fieldType',
          params: { field, expect },
        });
      }
    }
  });
export type OrderCreate = z.infer<typeof OrderCreate>;

const Dispatch = { leadDept: DeptCode, assistDepts: z.array(DeptCode).max(10).default([]) };
const noLeadInAssist = (o: { leadDept: string; assistDepts: string[] }) => !o.assistDepts.includes(o.leadDept);
const leadInAssistMsg = 'orders.field.leadAlsoAssisting';

/** One action on an order; the server checks it against the order's status with core/orders/lifecycle. */
export const OrderAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: Note }),
  z
    .object({ action: z.literal('dispatch'), ...Dispatch, note: Note })
    .refine(noLeadInAssist, { path: ['assistDepts'], message: leadInAssistMsg }),
  // From reported by a grid worker: 自行处理, handled on the spot, with photos of the place before the fix.
  z.object({ action: z.literal('start'), note: Note, photos: Photos.optional() }),
  z.object({
    action: z.literal('resolve'),
    note: z
      .string({ error: 'orders.field.describeWhatWasDone' })
      .trim()
      .min(1, 'orders.field.describeWhatWasDone')
      .max(2000),
    photos: Photos.default([]),
  }),
  z.object({ action: z.literal('review_pass'), note: Note }),
  z.object({ action: z.literal('review_fail'), reason: Reason }),
  z.object({ action: z.literal('return'), reason: Reason }),
  z
    .object({ action: z.literal('reroute'), ...Dispatch, note: Note })
    .refine(noLeadInAssist, { path: ['assistDepts'], message: leadInAssistMsg }),
  z.object({ action: z.literal('hold'), reason: Reason }),
  z.object({ action: z.literal('resume'), note: Note }),
  z.object({ action: z.literal('rate'), rating: Rating, comment: z.string().trim().max(500).optional() }),
  z
    .object({ action: z.literal('close'), unreachable: z.boolean().default(false), reason: Reason.optional() })
    .refine((o) => !o.unreachable || !!o.reason, {
      path: ['reason'],
      message: 'orders.field.unreachableReasonRequired',
    }),
  z.object({ action: z.literal('cancel'), reason: Reason }),
  z.object({ action: z.literal('mark_duplicate'), duplicateOf: OrderId, reason: Reason.optional() }),
  z.object({ action: z.literal('reopen'), reason: Reason }),
  z.object({ action: z.literal('hand_up'), reason: Reason }),
  z.object({
    action: z.literal('hand_down'),
    to: z.object({ kind: z.enum(['community', 'grid']), areaId: z.number().int().positive() }),
    note: Note,
  }),
  z.object({ action: z.literal('sign'), note: Note }),
  z.object({
    action: z.literal('request_extension'),
    hours: z
      .number()
      .int()
      .min(1, 'orders.field.extensionHours')
      .max(24 * 60, 'orders.field.extensionHours'),
    reason: Reason,
  }),
  z.object({ action: z.literal('decide_extension'), approve: z.boolean(), note: Note }),
  z.object({
    action: z.literal('request_assist'),
    depts: z.array(DeptCode).min(1, 'orders.field.assistDepts').max(10),
    note: Note,
  }),
  z.object({
    action: z.literal('assist_update'),
    dept: DeptCode,
    status: z.enum(['signed', 'done', 'declined']),
    note: Note,
  }),
  z.object({
    action: z.literal('note'),
    text: z.string({ error: 'orders.field.noteText' }).trim().min(1, 'orders.field.noteText').max(2000),
    photos: Photos.default([]),
  }),
]);
export type OrderAction = z.infer<typeof OrderAction>;
export type OrderActionInput = z.input<typeof OrderAction>;

/** Who did it; the escalation scheduler acts as role 'system'. */
export const EventActor = z.object({
  id: z.number().int(),
  role: z.union([Role, z.literal('system')]),
  name: z.string(),
});
export type EventActor = z.infer<typeof EventActor>;

export const OrderEvent = z.object({
  /** Global, gap-free order of events; clients replay from the last seq they saw. */
  seq: z.number().int().positive(),
  orderId: z.number().int(),
  at: z.iso.datetime(),
  actor: EventActor,
  action: OrderEventKind,
  /** null for the report that creates the order. */
  from: OrderStatus.nullable(),
  to: OrderStatus,
  reason: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type OrderEvent = z.infer<typeof OrderEvent>;

export const SLA_STATES = ['ok', 'yellow', 'red'] as const;
export const SlaStateName = z.enum(SLA_STATES);
export type SlaStateName = z.infer<typeof SlaStateName>;

/** What the wall and lists show. No personal data of the reporter: this shape reaches wall clients. */
const Label = z.object({ zh: z.string(), en: z.string() });
/** A category of the catalogue as GET /api/order-categories sends it (OrderCategory in order-categories.ts). */
export const OrderCategoryInfo = z.object({
  code: z.string(),
  family: z.enum(ORDER_FAMILIES),
  zh: z.string(),
  en: z.string(),
  defaultHazard: HazardLevel,
  hazardRequired: z.boolean(),
  defaultDept: z.enum(DEPARTMENTS),
  fields: z.array(
    z.object({
      name: z.string(),
      label: Label,
      type: z.enum(['text', 'number', 'enum']),
      options: z.array(z.string()).optional(),
      optionLabels: z.record(z.string(), Label).optional(),
      required: z.boolean(),
    }),
  ),
  public: z.boolean(),
});

export const OrderSummary = z.object({
  id: z.number().int(),
  categoryCode: z.string(),
  status: OrderStatus,
  hazardLevel: HazardLevel,
  lon: z.number(),
  lat: z.number(),
  gridId: z.number().int(),
  source: OrderSource,
  reportedAt: z.iso.datetime(),
  deadline: z.iso.datetime(),
  sla: SlaStateName,
  /** 0 grid, 1 community, 2 street, 3 district. */
  escalationLevel: z.number().int().min(0).max(3),
  /** 0 none, 1 yellow card, 2 red card. */
  cardsIssued: z.number().int().min(0).max(2),
  leadDept: z.string().nullable(),
  /** Who holds it now (contract/parties.ts). */
  holder: Party.optional(),
  updatedSeq: z.number().int(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

/** 公开说明: the text Open311 shows of an order, written for the public by the center; masked when saved. */
export const PublicTextInput = z.object({
  text: z
    .string({ error: 'orders.field.publicTextRequired' })
    .trim()
    .min(1, 'orders.field.publicTextRequired')
    .max(1000, 'orders.field.publicTextTooLong'),
});
export type PublicTextInput = z.infer<typeof PublicTextInput>;

export const PublicText = z.object({
  orderId: z.number().int(),
  /** As published: personal identifiers masked. */
  text: z.string(),
  publishedBy: z.string(),
  publishedAt: z.iso.datetime(),
});
export type PublicText = z.infer<typeof PublicText>;

export const ASSIST_STATUSES = ['requested', 'signed', 'done', 'declined'] as const;
export const OrderAssist = z.object({
  dept: z.string(),
  status: z.enum(ASSIST_STATUSES),
  note: z.string().nullable(),
  requestedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OrderAssist = z.infer<typeof OrderAssist>;

export const OrderExtension = z.object({
  hours: z.number().int(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'declined']),
  requestedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type OrderExtension = z.infer<typeof OrderExtension>;

export const AvailableAction = z.object({
  action: z.enum(ORDER_ACTIONS),
  allowed: z.boolean(),
  /**
   * Why not. Spoken at the edge like every message in an answer: the text in the request's language, with
   * `messageKey` and `params` beside it for a client that renders it in the language on screen.
   */
  reason: z.union([MessageBody, z.string()]).optional(),
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type AvailableAction = z.infer<typeof AvailableAction>;

/**
 * The console's view of one order: the summary plus its content and full event history. Free text
 * (description, event reasons and notes, text fields) is masked for readers who may not see it as written
 * (api/privacy/free-text.ts).
 */
export const OrderDetail = OrderSummary.extend({
  description: z.string(),
  photos: z.array(z.string()),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  assistDepts: z.array(z.string()),
  /** Masked for roles that may not see it (e.g. 138****5678). */
  reporter: z.object({ name: z.string(), phone: z.string() }).nullable(),
  rating: Rating.nullable(),
  reopenCount: z.number().int(),
  callbackDue: z.iso.datetime().nullable(),
  duplicateOf: z.number().int().nullable(),
  events: z.array(OrderEvent),
  /** What Open311 shows as its description; null when nothing is published. */
  publicText: PublicText.nullable(),
  /** Who holds it, by name. */
  holder: NamedParty.optional(),
  /** 0 grid, 1 community, 2 street, 3 district: the level that watches it (raised by the SLA ladder). */
  supervisingLevel: z.number().int().min(0).max(3).optional(),
  /** Where it is, in words; address: the nearest building's address within 100 m. */
  place: z
    .object({
      street: z.string().nullable(),
      community: z.string().nullable(),
      grid: z.string().nullable(),
      address: z.string().nullable(),
    })
    .optional(),
  /** 协办 tasks of other departments. */
  assists: z.array(OrderAssist).optional(),
  /** The latest 申请延期 and its decision. */
  extension: OrderExtension.nullable().optional(),
  /** Every action, and whether this account may take it now (the server's own guard) or why not. */
  actions: z.array(AvailableAction).optional(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

// ---- Socket.IO: every push carries the seq of the event behind it, so a replay is harmless.

export const OrderPush = z.object({ seq: z.number().int().positive(), order: OrderSummary });
export type OrderPush = z.infer<typeof OrderPush>;

export const OrderEscalatedPush = z.object({
  seq: z.number().int().positive(),
  orderId: z.number().int(),
  action: z.enum(['yellow_card', 'red_card', 'escalate']),
  fromLevel: z.number().int().min(0).max(3),
  toLevel: z.number().int().min(0).max(3),
  order: OrderSummary,
});
export type OrderEscalatedPush = z.infer<typeof OrderEscalatedPush>;

/** An order put on another grid by a re-gridding, to the scopes that hold where it is now. */
export const OrderMovedPush = z.object({
  seq: z.number().int().positive(),
  order: OrderSummary,
  fromGridId: z.number().int(),
});
export type OrderMovedPush = z.infer<typeof OrderMovedPush>;

/** To the scopes that held an order only where it was: it left (what it became is not theirs to see). */
export const OrderLeftPush = z.object({ seq: z.number().int().positive(), orderId: z.number().int() });
export type OrderLeftPush = z.infer<typeof OrderLeftPush>;

export const AlarmPush = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['critical_hazard', 'red_card', 'district_escalation', 'root_cause', 'system']),
  severity: z.enum(['info', 'warning', 'critical']),
  /**
   * What is particular to this alarm, as a code in contract/messages with its parameters; the kind says what it is.
   * Alarms stored before messages had codes carry their text in both languages ("中文 / English").
   */
  message: z.union([MessageBody, z.string()]),
  orderId: z.number().int().optional(),
  areaId: z.number().int().optional(),
  /** Grid-worker alarms: who, and which rule (outside their grids, or no position). */
  workerId: z.number().int().optional(),
  workerAlarm: z.enum(['out_of_grid', 'silent']).optional(),
  /** When it was raised (history; a live push arrives as it happens). */
  at: z.string().optional(),
  /** Who acknowledged it, in the history; null while open. */
  ack: z.object({ by: z.string(), at: z.string(), note: z.string().nullable() }).nullable().optional(),
});
export type AlarmPush = z.infer<typeof AlarmPush>;

export const ReplayRequest = z.object({ since: z.number().int().min(0) });
export type ReplayRequest = z.infer<typeof ReplayRequest>;
