// The chart kinds evaluation needs beyond the shared bar/line set (radar, custom error bars), registered once.
import * as echarts from 'echarts/core';
import { CustomChart, RadarChart } from 'echarts/charts';
import { DataZoomComponent, RadarComponent } from 'echarts/components';

echarts.use([CustomChart, RadarChart, RadarComponent, DataZoomComponent]);

export const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);
export const signed = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(digits)}`;
/** Progress index as a percentage of the remaining headroom. */
export const pctIndex = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
export const PALETTE = [
  '#35d4ff',
  '#19e3b1',
  '#ffb84d',
  '#ff6b8b',
  '#b38cff',
  '#7ee787',
  '#f2cc60',
  '#79c0ff',
  '#ff9bce',
  '#56d4dd',
  '#d2a8ff',
  '#ffa657',
  '#a5d6ff',
  '#8ddb8c',
];
