// What an area import knows about each incoming feature while it is checked, and the problems it collects.
import type { Geometry } from 'geojson';
import type { AreaLevel } from '../../contract/areas.js';
import { m, type Message, type MessageKey } from '../../contract/messages/index.js';
import type { StoredProblem } from './stored-report.js';

export const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  district: null,
  street: 'district',
  community: 'street',
  grid: 'community',
  special: 'community',
};

export const levelName = (level: AreaLevel): Message => m(`import.level.${level}` as MessageKey);

export interface Item {
  index: number;
  name: string;
  code: string;
  parentKey: string;
  households: number | null;
  wgs: Geometry;
  isPoint: boolean;
  parentId: number | null;
  existingId: number | null;
  derived: boolean;
  repaired: boolean;
  areaM2: number;
  stored: string | null;
  blocked: boolean;
  /** The geometry converted and well-formed enough to hand to PostGIS. */
  geomOk: boolean;
  /** Index of the feature this one is a part of (merged into its MultiPolygon). */
  partOf: number | null;
}

export type AddProblem = (
  severity: StoredProblem['severity'],
  kind: StoredProblem['kind'],
  feature: number | null,
  message: Message,
  geometry?: unknown,
) => void;

export function problemList(): { problems: StoredProblem[]; problem: AddProblem } {
  const problems: StoredProblem[] = [];
  return {
    problems,
    problem: (severity, kind, feature, message, geometry = null) =>
      problems.push({ severity, kind, feature, message, geometry }),
  };
}
