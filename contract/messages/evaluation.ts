// Messages of evaluation: errors, alarms and notices the server sends, by code. Keys start with 'evaluation.'.
import type { Catalogue } from './types.js';

export const evaluation = {
  'evaluation.noSystem': { 'zh-CN': '尚未配置考评指标体系', en: 'no evaluation system has been set up' },
  'evaluation.noPeriods': { 'zh-CN': '尚无考评期', en: 'no evaluation periods yet' },
  'evaluation.periodNotFound': { 'zh-CN': '考评期 {code} 不存在', en: 'no period {code}' },
  'evaluation.ahp.empty': { 'zh-CN': '判断矩阵为空', en: 'the matrix is empty' },
  'evaluation.ahp.tooLarge': { 'zh-CN': '判断矩阵最多 {max} 阶', en: 'at most {max} items can be compared' },
  'evaluation.ahp.rowLength': { 'zh-CN': '第 {row} 行应有 {n} 个数', en: 'row {row} must have {n} entries' },
  'evaluation.ahp.notPositive': { 'zh-CN': 'a[{i}][{j}] 应为正数', en: 'a[{i}][{j}] must be positive' },
  'evaluation.ahp.outsideScale': {
    'zh-CN': 'a[{i}][{j}] = {value} 超出 1/9–9 标度',
    en: "a[{i}][{j}] = {value} is outside Saaty's 1/9–9 scale",
  },
  'evaluation.ahp.diagonal': { 'zh-CN': '对角线 a[{i}][{i}] 应为 1', en: 'the diagonal a[{i}][{i}] must be 1' },
  'evaluation.ahp.notReciprocal': {
    'zh-CN': 'a[{j}][{i}] 应为 a[{i}][{j}] 的倒数',
    en: 'a[{j}][{i}] must be 1/a[{i}][{j}]',
  },
  'evaluation.notEvaluatedLevel': { 'zh-CN': '考评对象为街道或社区', en: 'streets and communities are evaluated' },
  'evaluation.specialLevel': {
    'zh-CN': '专项加减分只记在街道或社区上',
    en: 'special points go on a street or a community',
  },
  'evaluation.specialNotFound': { 'zh-CN': '专项记录 {id} 不存在', en: 'no special item {id}' },
  'evaluation.reversePerCommunity': {
    'zh-CN': '反向问题按社区派单',
    en: 'reverse issues are dispatched per community',
  },
  'evaluation.noComplaints': {
    'zh-CN': '{area} 在 {period} 没有「{topic}」方面的投诉',
    en: 'no complaints on {topic} in {area} in {period}',
  },
  'evaluation.alreadyDispatched': {
    'zh-CN': '该问题已派单（工单 {orderId}）',
    en: 'already dispatched as order {orderId}',
  },
  'evaluation.invalidOrder': { 'zh-CN': '工单无效：{issue}', en: 'invalid order: {issue}' },
  'evaluation.dispatchedMeanwhile': { 'zh-CN': '该问题刚被他人派单', en: 'someone else just dispatched this issue' },
  'evaluation.duplicateColumn': { 'zh-CN': '列「{column}」重复', en: 'duplicate column "{column}"' },
  'evaluation.duplicateIndicatorColumn': {
    'zh-CN': '指标列「{column}」重复',
    en: 'duplicate indicator column "{column}"',
  },
  'evaluation.orderIndicatorColumn': {
    'zh-CN': '指标 {code} 来自工单（反向评价），不由问卷导入',
    en: 'indicator {code} comes from work orders, not questionnaires',
  },
  'evaluation.unknownColumn': { 'zh-CN': '未知列「{column}」', en: 'unknown column "{column}"' },
  'evaluation.missingColumn': { 'zh-CN': '缺少列 {column}', en: 'missing column {column}' },
  'evaluation.noIndicatorColumns': { 'zh-CN': '没有指标列（如 I01）', en: 'no indicator columns (e.g. I01)' },
  'evaluation.periodInvalid': { 'zh-CN': '考评期「{value}」应如 2026Q3', en: 'period "{value}" must look like 2026Q3' },
  'evaluation.communityCodeInvalid': {
    'zh-CN': '社区编码「{value}」应为 12 位数字',
    en: 'community_code "{value}" must be 12 digits',
  },
  'evaluation.groupUnknown': {
    'zh-CN': '问卷类别「{value}」应为 {groups}（老年居民群体/中青年居民群体/驻区单位）',
    en: 'unknown group "{value}": use {groups}',
  },
  'evaluation.respondentsInvalid': {
    'zh-CN': '样本数「{value}」应为 1–100000 的整数',
    en: 'respondents "{value}" must be a whole number from 1 to 100000',
  },
  'evaluation.scoreInvalid': {
    'zh-CN': '{code} 得分「{value}」应为 0–100',
    en: '{code} "{value}" must be a score from 0 to 100',
  },
  'evaluation.rowWithoutScores': { 'zh-CN': '该行没有任何指标得分', en: 'the row has no indicator scores' },
  'evaluation.unreadableXlsx': { 'zh-CN': '无法读取 XLSX 文件：{reason}', en: 'cannot read the XLSX file: {reason}' },
  'evaluation.csvOrXlsxOnly': { 'zh-CN': '只接受 .csv 或 .xlsx 文件', en: 'only .csv and .xlsx files are accepted' },
  'evaluation.noDataRows': { 'zh-CN': '文件没有数据行', en: 'the file has no data rows' },
  'evaluation.communityNotFound': {
    'zh-CN': '社区编码 {code} 不存在或不在您的管辖范围内',
    en: 'no community {code} in your area',
  },
  'evaluation.duplicateRow': {
    'zh-CN': '与第 {line} 行重复（同一考评期、社区和问卷类别）',
    en: 'same period, community and group as line {line}',
  },
  'evaluation.importRefused': {
    'zh-CN': '导入被拒绝，未写入任何数据：{count} 处错误，首个在第 {line} 行：{first}',
    en: 'import refused, nothing written: {count} error(s), first on line {line}: {first}',
  },
  'evaluation.indicatorIncomplete': {
    'zh-CN': '指标须有方向、来源和标准化方法',
    en: 'an indicator needs polarity, source and norm',
  },
  'evaluation.targetNeedsBounds': {
    'zh-CN': '目标值法须填写目标值和最差值',
    en: 'target normalisation needs target and worst',
  },
  'evaluation.targetOrder': {
    'zh-CN': '正向指标目标值应大于最差值，逆向指标应小于最差值',
    en: 'positive: target above worst; reverse: target below worst',
  },
  'evaluation.orderMeasureRequired': { 'zh-CN': '工单指标须选择口径', en: 'an order indicator needs orderMeasure' },
  'evaluation.orderFamiliesRequired': {
    'zh-CN': '投诉率指标须选择工单大类',
    en: 'a complaint-rate indicator needs orderFamilies',
  },
  'evaluation.orderIndicatorNorm': {
    'zh-CN': '工单指标不是 0–100 分，请用目标值法或极差法',
    en: 'order indicators need target or minmax normalisation',
  },
  'evaluation.questionnaireNoMeasure': {
    'zh-CN': '问卷指标不设工单口径',
    en: 'a questionnaire indicator has no orderMeasure',
  },
  'evaluation.nodeWithoutChildren': { 'zh-CN': '节点 {id} 不存在或没有下级', en: 'node {id} has no children to weigh' },
  'evaluation.nothingUnderNode': { 'zh-CN': '该节点下没有指标', en: 'nothing under this node' },
  'evaluation.weightCount': { 'zh-CN': '应给出 {count} 个权重', en: 'give {count} weights, one per item in order' },
  'evaluation.weightsZero': { 'zh-CN': '权重之和须大于 0', en: 'the weights must not all be 0' },
  'evaluation.matrixOrder': { 'zh-CN': '判断矩阵应为 {n}×{n} 阶', en: 'the matrix must be {n}×{n}' },
  'evaluation.inconsistent': {
    'zh-CN': '判断矩阵一致性比率 CR = {cr} ≥ 0.1，请调整两两比较',
    en: 'consistency ratio CR = {cr} is not below 0.1: revise the comparisons',
  },
  'evaluation.entropyNeedsTwo': {
    'zh-CN': '熵权法至少需要两个社区的数据',
    en: 'entropy weights need data from at least two communities',
  },
  'evaluation.nodeNotFound': { 'zh-CN': '节点 {id} 不存在', en: 'no node {id}' },
  'evaluation.indicatorIsLeaf': { 'zh-CN': '指标下不能再分', en: 'an indicator has no children' },
  'evaluation.codeTaken': { 'zh-CN': '编码 {code} 已存在', en: 'code {code} is taken' },
  'evaluation.onlyIndicatorsHaveMethod': {
    'zh-CN': '只有指标才有方向、来源和标准化方法',
    en: 'only indicators have polarity, source and norm',
  },
  'evaluation.onlyIndicatorsHaveNorm': {
    'zh-CN': '只有指标才有方向和标准化方法',
    en: 'only indicators have polarity and norm',
  },
  'evaluation.lastOfGroup': {
    'zh-CN': '这是该层唯一一项，不能删除',
    en: 'the only item of its group cannot be removed',
  },
  // Complaint topics of the reverse-evaluation list, for messages that name one.
  'evaluation.topic.sanitation': { 'zh-CN': '环境卫生', en: 'sanitation' },
  'evaluation.topic.safety': { 'zh-CN': '安全隐患', en: 'safety hazards' },
  'evaluation.topic.dispute': { 'zh-CN': '矛盾纠纷', en: 'disputes' },
  'evaluation.topic.facility': { 'zh-CN': '设施维护', en: 'facility maintenance' },
  'evaluation.topic.convenience': { 'zh-CN': '便民服务', en: 'convenience services' },
  'evaluation.topic.special_care': { 'zh-CN': '特殊群体关爱', en: 'care for special groups' },
  'evaluation.topic.property': { 'zh-CN': '物业管理', en: 'property management' },
  'evaluation.topic.parking': { 'zh-CN': '停车', en: 'parking' },
  'evaluation.topic.noise': { 'zh-CN': '噪音', en: 'noise' },
  'evaluation.topic.illegal_construction': { 'zh-CN': '违章搭建', en: 'illegal construction' },
  'evaluation.topic.group_renting': { 'zh-CN': '群租', en: 'group renting' },
  'evaluation.topic.city_appearance': { 'zh-CN': '市容', en: 'city appearance' },
  'evaluation.topic.other': { 'zh-CN': '其他', en: 'other' },
  'evaluation.field.periodFormat': { 'zh-CN': '考评期格式为 2026Q3', en: 'period must look like 2026Q3' },
  'evaluation.field.codeFormat': {
    'zh-CN': '编码为字母开头的 1–20 位字母数字',
    en: 'code: 1–20 letters, digits or _ starting with a letter',
  },
  'evaluation.field.pointsNotZero': { 'zh-CN': '分值不能为 0', en: 'points must not be 0' },
} as const satisfies Catalogue;
