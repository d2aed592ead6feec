// Messages of the department and responsibility-list imports. Keys start with 'routing.'.
import type { Catalogue } from './types.js';

export const routing = {
  'routing.row': { 'zh-CN': '第 {line} 行：{reason}', en: 'line {line}: {reason}' },
  'routing.departmentList': { 'zh-CN': '部门名录', en: 'The department list' },
  'routing.noName': { 'zh-CN': '未填部门名称', en: 'no department name given' },
  'routing.badCode': {
    'zh-CN':
      '部门编码「{code}」无效：须为 2–40 个小写英文字母或下划线（如 urban_mgmt），工单和责任清单长期以它为键；中文名称请填在「部门名称」列，编码留空则按名称对应已有部门',
    en: 'the department code "{code}" is not valid: 2–40 lower-case letters or underscores (such as urban_mgmt), the key orders and the responsibility list keep; put a Chinese name in the name column, or leave the code empty to match an existing department by its name',
  },
  'routing.noCode': {
    'zh-CN': '未填部门编码，且没有名为「{name}」的部门：新部门须填编码（2–40 个小写英文字母或下划线，如 urban_mgmt）',
    en: 'no code given and no department is named "{name}": a new department needs a code (2–40 lower-case letters or underscores, such as urban_mgmt)',
  },
  'routing.duplicateCode': {
    'zh-CN': '部门编码 {code} 与第 {first} 行重复',
    en: 'the department code {code} repeats line {first}',
  },
  'routing.duplicateName': {
    'zh-CN': '部门名称「{name}」与第 {first} 行重复',
    en: 'the department name "{name}" repeats line {first}',
  },
  'routing.nameTaken': {
    'zh-CN': '部门名称「{name}」已属于部门 {code}：要修改该部门，请填编码 {code}',
    en: 'the name "{name}" belongs to the department {code}: give the code {code} to change that department',
  },
  'routing.noCategory': { 'zh-CN': '未填事项类别', en: 'no category given' },
  'routing.unknownCategory': {
    'zh-CN': '找不到事项类别「{category}」（填类别编码如 SAN-01，或其中文名称）',
    en: 'no category "{category}" (give a category code such as SAN-01, or its name)',
  },
  'routing.unknownArea': {
    'zh-CN': '找不到区域「{area}」（填区域编码；留空表示全部区域）',
    en: 'no area "{area}" (give an area code; leave it empty for every area)',
  },
  'routing.badHazard': {
    'zh-CN': '风险等级「{hazard}」无效（一般、较大、重大，或留空表示全部等级）',
    en: 'the hazard level "{hazard}" is not valid (general, major, critical, or empty for every level)',
  },
  'routing.noLead': { 'zh-CN': '未填主办部门', en: 'no lead department given' },
  'routing.unknownDepartment': {
    'zh-CN': '找不到部门「{dept}」（填部门编码或名称；新部门请先在「部门」一步导入）',
    en: 'no department "{dept}" (give its code or name; import new departments in the departments step first)',
  },
  'routing.tooManyAssists': {
    'zh-CN': '协办部门最多 {max} 个，此行有 {count} 个',
    en: 'at most {max} assisting departments, this row has {count}',
  },
  'routing.duplicateRule': {
    'zh-CN': '与第 {first} 行的事项类别、区域和风险等级相同',
    en: 'the same category, area and hazard level as line {first}',
  },
  'routing.notFound': {
    'zh-CN': '导入 {id} 不存在或不在您的管辖范围内',
    en: 'import {id} not found in your scope',
  },
  'routing.notPending': {
    'zh-CN': '导入 {id} 已{status}，不能再处理',
    en: 'import {id} is already {status}',
  },
  'routing.hasRefusals': {
    'zh-CN': '有 {count} 行被拒绝：修正文件后重新导入',
    en: '{count} rows were refused: fix the file and import it again',
  },
  'routing.changedSince': {
    'zh-CN': '第 {line} 行自报告以来已不能写入（{reason}），未写入任何内容；请重新导入',
    en: 'line {line} can no longer be written since the report ({reason}); nothing was written: import again',
  },
} as const satisfies Catalogue;
