// 责任清单 responsibility list rows as the API speaks them: (category, area, hazard level) → lead and assisting departments.
import { z } from 'zod';
import { HazardLevel } from './orders.js';
import { DbId } from './ids.js';

const Dept = z.string().trim().min(1, 'orders.field.chooseDepartment').max(64);

export const ResponsibilityInput = z
  .object({
    categoryCode: z.string().trim().min(1).max(20),
    /** null: every area; otherwise this area and everything under it. */
    areaId: DbId.nullable().default(null),
    /** null: every hazard level. */
    hazardLevel: HazardLevel.nullable().default(null),
    leadDept: Dept,
    assistDepts: z.array(Dept).max(10).default([]),
  })
  .refine((r) => !r.assistDepts.includes(r.leadDept), {
    path: ['assistDepts'],
    message: 'orders.field.leadAlsoAssisting',
  });
export type ResponsibilityInput = z.infer<typeof ResponsibilityInput>;

export const Responsibility = z.object({
  id: z.number().int(),
  categoryCode: z.string(),
  areaId: z.number().int().nullable(),
  hazardLevel: HazardLevel.nullable(),
  leadDept: z.string(),
  assistDepts: z.array(z.string()),
  updatedAt: z.string(),
});
export type Responsibility = z.infer<typeof Responsibility>;
