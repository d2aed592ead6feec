// Messages of siting: errors, alarms and notices the server sends, by code. Keys start with 'siting.'.
import type { Catalogue } from './types.js';

export const siting = {
  'siting.nameTheArea': {
    'zh-CN': '本系统有 {count} 个区：请指定区域（area）',
    en: 'this installation holds {count} districts: name the area (area)',
  },
  'siting.candidatesOutside': {
    'zh-CN': '第 {points} 个候选点不在{area}内',
    en: 'candidate point {points} lies outside {area}',
  },
  'siting.manualNeedsPoints': {
    'zh-CN': '手工方案需给出站点坐标',
    en: 'a manual scenario needs candidates of type "points"',
  },
  'siting.noCandidates': { 'zh-CN': '{area}内没有可用的候选点', en: 'no candidate sites in {area}' },
  'siting.tooManyCandidates': {
    'zh-CN': '候选点 {count} 个，超过 {max}，请选择较小的区域',
    en: '{count} candidates, more than {max}: choose a smaller area',
  },
  'siting.scenarioNotFound': {
    'zh-CN': '方案 {id} 不存在或不在您的管辖范围内',
    en: 'scenario {id} not found in your scope',
  },
  'siting.walkRadiusOutOfRange': {
    'zh-CN': '步行 {minutes} 分钟 × {speed} 米/分钟 = {radius} 米，超出 50–3000 米',
    en: 'walking {minutes} min × {speed} m/min = {radius} m, outside 50–3000 m',
  },
  'siting.pool.background': { 'zh-CN': '后台计算', en: 'background work' },
  'siting.pool.exactSolver': { 'zh-CN': '精确求解器', en: 'the exact solver' },
  'siting.pool.busy': {
    'zh-CN': '{what}繁忙（{running} 个进行中，{waiting} 个排队），请稍后重试',
    en: '{what} is busy ({running} running, {waiting} waiting): retry shortly',
  },
  'siting.pool.stopping': { 'zh-CN': '{what}已停止', en: '{what} is shutting down' },
  'siting.pool.cannotStart': { 'zh-CN': '{what}无法启动：{reason}', en: '{what} could not start: {reason}' },
  'siting.pool.failed': { 'zh-CN': '{what}出错：{reason}', en: '{what} failed: {reason}' },
  'siting.pool.cannotRun': { 'zh-CN': '{what}无法运行：{reason}', en: '{what} could not run: {reason}' },
  'siting.pool.exited': {
    'zh-CN': '{what}意外退出（退出码 {code}）',
    en: '{what} stopped unexpectedly (exit code {code})',
  },
  'siting.pool.timeout': {
    'zh-CN': '{what}超过 {seconds} 秒未完成，已停止',
    en: '{what} ran past {seconds} s and was stopped',
  },
  'siting.field.radiusTooSmall': { 'zh-CN': '半径至少 50 米', en: 'radius at least 50 m' },
  'siting.field.radiusTooLarge': { 'zh-CN': '半径至多 3000 米', en: 'radius at most 3000 m' },
  'siting.field.walkingSpeedRange': { 'zh-CN': '步行速度 20–120 米/分钟', en: 'walking speed 20–120 m/min' },
  'siting.field.noPoints': { 'zh-CN': '至少一个候选点', en: 'at least one point' },
  'siting.field.giveScenarioName': { 'zh-CN': '请输入方案名称', en: 'give the scenario a name' },
} as const satisfies Catalogue;
