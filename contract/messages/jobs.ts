// Messages of durable jobs (api/jobs): why a job was run again or failed. Keys start with 'jobs.'.
import type { Catalogue } from './types.js';

export const jobs = {
  'jobs.holderStopped': { 'zh-CN': '服务进程 {holder} 已停止', en: 'server process {holder} stopped' },
  'jobs.unknownKind': { 'zh-CN': '{why}；本节点不认识此类任务', en: '{why}; no node here knows this kind of job' },
  'jobs.notResumable': { 'zh-CN': '{why}；此类任务不能续做', en: '{why}; this kind of job cannot be resumed' },
  'jobs.attemptsSpent': { 'zh-CN': '{why}；已尝试 {attempts} 次', en: '{why}; stopped after {attempts} attempt(s)' },
  'jobs.requeued': {
    'zh-CN': '服务进程 {holder} 已停止，任务重新排队',
    en: 'server process {holder} stopped; job requeued',
  },
} as const satisfies Catalogue;
