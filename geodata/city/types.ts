// The demo city's shape, as the generator produces it and the seeder loads it.
// Everything is WGS84 (EPSG:4326) lon/lat; ids are stable for a given (size, seed).
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type { AreaLevel, SpecialClass } from '../../contract/areas.js';

export type CitySize = 'small' | 'full';

export interface CityOptions {
  size: CitySize;
  seed: number;
}

export interface CityMeta {
  name: string; // e.g. '静安示范区（合成数据）'
  nameEn: string; // e.g. 'Jing'an demo district (synthetic)'
  size: CitySize;
  seed: number;
  countyCode: string; // 6 digits
  bbox: [number, number, number, number];
  center: [number, number];
}

export interface AreaRecord {
  id: number;
  /** 12 digits for district/street/community; 15 (community code + 3) for grids and special grids. */
  code: string;
  name: string;
  level: AreaLevel;
  parentId: number | null;
  specialClass: SpecialClass | null;
  geometry: Polygon | MultiPolygon;
  households: number;
  population: number;
  elders60: number;
  elders80: number;
}

export interface BuildingRecord {
  id: number;
  gridId: number;
  lon: number;
  lat: number;
  households: number;
  population: number;
  floors: number;
  /** e.g. '北方佳苑 12号' */
  address: string;
}

/** Special-group flags (bit mask) on a resident. */
export const RESIDENT_FLAGS = {
  lowIncome: 1, // 低保
  extremePoverty: 2, // 特困
  disabled: 4, // 残疾
  childInDifficulty: 8, // 困境儿童
  elderAlone: 16, // 独居老人
} as const;

/** Residents are columnar: 1 M objects would cost more than the data. Row i is one person. */
export interface ResidentColumns {
  count: number;
  buildingId: Int32Array;
  household: Int32Array; // household number within the building, 1-based
  age: Uint8Array;
  sex: Uint8Array; // 1 = male, 2 = female (GB/T 2261.1)
  flags: Uint8Array; // RESIDENT_FLAGS
}

export type RoadClass = 'arterial' | 'secondary' | 'local';
export interface RoadRecord {
  id: number;
  name: string;
  roadClass: RoadClass;
  geometry: LineString;
}

export interface WaterRecord {
  id: number;
  name: string;
  geometry: Polygon | MultiPolygon;
}

export const RESOURCE_KINDS = [
  'elder_canteen', // 长者饭堂 / 社区食堂
  'elder_station', // 养老服务站
  'day_care', // 日间照料中心
  'clinic', // 社区卫生服务站
  'market', // 菜场
  'parcel_locker', // 快递柜 / 驿站
  'sports', // 健身点
  'culture', // 文化活动室
  'community_office', // 居委会
  'school', // 学校
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface ResourceRecord {
  id: number;
  kind: ResourceKind;
  name: string;
  lon: number;
  lat: number;
  gridId: number;
  capacity: number;
}

export interface WorkerRecord {
  id: number;
  name: string;
  /** Masked phone, e.g. '139****1234': staff contact, never a resident's. */
  phone: string;
  gridIds: number[];
}

export interface City {
  meta: CityMeta;
  areas: AreaRecord[];
  roads: RoadRecord[];
  water: WaterRecord[];
  buildings: BuildingRecord[];
  residents: ResidentColumns;
  resources: ResourceRecord[];
  workers: WorkerRecord[];
}

export type Progress = (step: string, done: number, total: number) => void;
