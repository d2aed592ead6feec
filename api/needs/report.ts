// The monthly needs report of a street or community: top-10 needs with intervals and change, each group's and
// each sub-area's first need, and what was decided about the top needs (triage, orders, projects).
// Served as JSON, as CSV (UTF-8 with BOM, so Excel opens it) and as a printable HTML page.
import {
  GROUP_NAMES,
  type MonthlyReport,
  NEED_ITEMS,
  type RespondentGroup,
  type Triage,
} from '../../contract/needs.js';
import { areaInScope } from '../areas/queries.js';
import type { AuthUser } from '../auth/session.js';
import { homeAreaId } from '../auth/scope.js';
import type { Queryable } from '../db/index.js';
import { NotFound } from '../http/errors.js';
import { needBreakdown, needRates } from './analytics.js';
import { surveyMonthsUnder } from './queries.js';
import { triageUnder } from './triage.js';
import { csvText } from '../http/csv.js';
import { m } from '../../contract/messages/index.js';

const CHILD_LEVEL: Record<string, 'street' | 'community' | 'grid' | undefined> = {
  district: 'street',
  street: 'community',
  community: 'grid',
};
const TIER_ZH = { community: '居委可解决', street: '街道项目', district: '区级政策' } as const;
const PROJECT_STATUS_ZH: Record<string, string> = { planned: '计划中', in_progress: '实施中', done: '已完成' };
const itemName = (code: string | null) => (code ? (NEED_ITEMS.find((i) => i.code === code)?.zh ?? code) : '—');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export async function monthlyReport(
  q: Queryable,
  user: AuthUser,
  areaId: number | undefined,
  month?: string,
): Promise<MonthlyReport> {
  const id = areaId ?? (await homeAreaId(q, user));
  const area = await areaInScope(q, user.areaPath, id);
  if (!area) throw new NotFound(m('areas.notFoundInScope', { id }));
  const mo = month ?? (await surveyMonthsUnder(q, area.path)).at(-1);
  if (!mo) throw new NotFound(m('needs.noSurveys', { area: area.name }));
  const rates = await needRates(q, user, { area: id, month: mo });
  const byGroup = await needBreakdown(q, user, { area: id, by: 'group', month: mo, top: 10 });
  const child = CHILD_LEVEL[area.level];
  const bySub = child ? await needBreakdown(q, user, { area: id, by: child, month: mo, top: 10 }) : { rows: [] };
  const triage = await triageUnder(q, area.path, undefined, user, 'document'); // a report is handed on: notes masked
  const top = rates.needs.slice(0, 10).map((r) => ({
    rank: r.rank,
    code: r.code,
    name: itemName(r.code),
    rate: r.rate,
    low: r.low,
    high: r.high,
    change: r.change,
    tiedWithNext: r.tiedWithNext,
    actions: triage.filter((t) => t.need === r.code),
  }));
  return {
    area: { id: area.id, name: area.name, level: area.level },
    month: mo,
    previousMonth: rates.previousMonth ?? '',
    respondents: rates.respondents,
    suppressed: rates.suppressed,
    top,
    groups: byGroup.rows.map((g) => ({
      group: g.key,
      name: GROUP_NAMES[g.key as RespondentGroup].zh,
      respondents: g.respondents,
      first: g.first,
      firstName: itemName(g.first),
      firstTied: g.firstTied,
    })),
    subAreas: bySub.rows.map((s) => ({
      id: s.areaId,
      name: s.name,
      respondents: s.respondents,
      first: s.first,
      firstName: itemName(s.first),
      firstRate: s.needs[0]?.rate ?? null,
    })),
  };
}

const actionText = (t: Triage) =>
  `${TIER_ZH[t.tier]}${t.orderId ? ` 工单#${t.orderId}(${t.orderStatus})` : ''}${t.projectId ? ` 项目「${t.projectTitle}」(${PROJECT_STATUS_ZH[t.projectStatus ?? ''] ?? t.projectStatus})` : ''}${t.note ? ` ${t.note}` : ''}`;

export function reportCsv(r: MonthlyReport): string {
  const lines: unknown[][] = [
    ['区域 area', r.area.name, '月份 month', r.month, '答卷 respondents', r.respondents ?? '<10'],
    [],
    [
      '排名 rank',
      '需求 need',
      '代码 code',
      '需求率 rate',
      '95%下限 low',
      '95%上限 high',
      `较${r.previousMonth} change (pp)`,
      '与下一名并列 tied',
      '处理 actions',
    ],
    ...r.top.map((t) => [
      t.rank,
      t.name,
      t.code,
      pct(t.rate),
      pct(t.low),
      pct(t.high),
      t.change === null ? '' : (t.change * 100).toFixed(1),
      t.tiedWithNext ? '是' : '',
      t.actions.map(actionText).join('; '),
    ]),
    [],
    ['人群 group', '答卷 respondents', '第一需求 first need', '并列 tied'],
    ...r.groups.map((g) => [
      g.name,
      g.respondents ?? '<10',
      g.first ? g.firstName : '（少于10份，不公布）',
      g.firstTied ? '是' : '',
    ]),
    [],
    ['下级区域 sub-area', '答卷 respondents', '第一需求 first need', '需求率 rate'],
    ...r.subAreas.map((s) => [
      s.name,
      s.respondents ?? '<10',
      s.first ? s.firstName : '（少于10份，不公布）',
      s.firstRate === null ? '' : pct(s.firstRate),
    ]),
  ];
  return csvText(lines);
}

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function reportHtml(r: MonthlyReport): string {
  const rows = r.top
    .map(
      (t) =>
        `<tr><td>${t.rank}</td><td>${esc(t.name)}${t.tiedWithNext ? ' <span class="tie">≈</span>' : ''}</td><td class="n">${pct(t.rate)}</td><td class="n">${pct(t.low)}–${pct(t.high)}</td><td class="n">${t.change === null ? '—' : `${t.change >= 0 ? '+' : ''}${(t.change * 100).toFixed(1)}`}</td><td>${t.actions.length ? t.actions.map((a) => esc(actionText(a))).join('<br>') : '<span class="none">未处理</span>'}</td></tr>`,
    )
    .join('');
  const groups = r.groups
    .map(
      (g) =>
        `<tr><td>${esc(g.name)}</td><td class="n">${g.respondents ?? '&lt;10'}</td><td>${g.first ? esc(g.firstName) + (g.firstTied ? ' ≈' : '') : '少于10份，不公布'}</td></tr>`,
    )
    .join('');
  const subs = r.subAreas
    .map(
      (s) =>
        `<tr><td>${esc(s.name)}</td><td class="n">${s.respondents ?? '&lt;10'}</td><td>${s.first ? esc(s.firstName) : '少于10份，不公布'}</td><td class="n">${s.firstRate === null ? '' : pct(s.firstRate)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.area.name)} ${r.month} 社区需求月报</title>
<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:24px;color:#111}h1{font-size:20px}h2{font-size:16px;margin-top:24px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #bbb;padding:4px 6px;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}
.tie{color:#a60}.none{color:#999}.meta{color:#555;font-size:12px}@media print{body{margin:10mm}}</style></head><body>
<h1>${esc(r.area.name)} 社区需求月报 · ${r.month}</h1>
<p class="meta">答卷 ${r.respondents ?? '&lt;10'} 份（答卷数取整到 10）；需求率为加权比例及 95% Wilson 区间；变化为较 ${r.previousMonth} 的百分点；≈ 表示与下一名区间重叠（排名未定）；少于 10 份答卷的单元不公布。合成数据 / synthetic data.</p>
${r.suppressed ? '<p>本月答卷少于 10 份，不公布需求率。</p>' : `<h2>前十项需求及处理情况</h2><table><tr><th>排名</th><th>需求</th><th>需求率</th><th>95% 区间</th><th>变化(百分点)</th><th>处理</th></tr>${rows}</table>`}
<h2>各人群第一需求</h2><table><tr><th>人群</th><th>答卷</th><th>第一需求</th></tr>${groups}</table>
${subs ? `<h2>下级区域第一需求</h2><table><tr><th>区域</th><th>答卷</th><th>第一需求</th><th>需求率</th></tr>${subs}</table>` : ''}
</body></html>`;
}
