// Messages of dispute mediation (三级调解): refusals and the root-cause alarm. Keys start with 'mediation.'.
import type { Catalogue } from './types.js';

export const mediation = {
  'mediation.stage.grid': { 'zh-CN': '网格员初调', en: 'grid first mediation' },
  'mediation.stage.community': { 'zh-CN': '社区调委会调解', en: 'community mediation committee' },
  'mediation.stage.street': { 'zh-CN': '街道司法所调解', en: 'street judicial office' },
  'mediation.status.open': { 'zh-CN': '调解中', en: 'open' },
  'mediation.status.agreement': { 'zh-CN': '达成协议', en: 'agreement' },
  'mediation.status.no_agreement': { 'zh-CN': '未达成协议', en: 'no agreement' },
  'mediation.status.referred': { 'zh-CN': '移交其他部门', en: 'referred elsewhere' },
  'mediation.status.litigation_advised': { 'zh-CN': '建议诉讼', en: 'litigation advised' },
  'mediation.textRequired': { 'zh-CN': '请填写内容', en: 'please fill this in' },
  'mediation.notDispute': {
    'zh-CN': '工单 {id} 不是矛盾纠纷类工单，不能开启调解',
    en: 'order {id} is not a dispute; only disputes are mediated',
  },
  'mediation.alreadyOpen': {
    'zh-CN': '工单 {id} 已有调解记录，请在原记录上继续',
    en: 'order {id} already has a mediation; continue that one',
  },
  'mediation.none': {
    'zh-CN': '工单 {id} 尚未开启调解，请先开启',
    en: 'order {id} has no mediation yet; open one first',
  },
  'mediation.notOpener': {
    'zh-CN': '只有该网格的网格员、所在社区或街道的工作人员可以开启调解',
    en: "only the grid's worker or the staff of its community or street may open a mediation",
  },
  'mediation.notStageParty': {
    'zh-CN': '本纠纷正处于「{stage}」阶段，只有该阶段的调解方可以办理',
    en: 'this dispute is at the {stage} stage: only that stage may act on it',
  },
  'mediation.closed': {
    'zh-CN': '本调解已结束（{status}），不能再办理',
    en: 'this mediation has ended ({status}) and takes no further steps',
  },
  'mediation.lastStage': {
    'zh-CN': '街道司法所是最后一级调解，无法再上移；请记录调解结果（可建议诉讼或移交）',
    en: 'the street judicial office is the last stage; record the outcome (litigation advised or referred)',
  },
  'mediation.agreementNeedsPhoto': {
    'zh-CN': '达成协议须上传协议书照片',
    en: 'an agreement needs a photo of the signed agreement',
  },
  'mediation.unknownPhotos': {
    'zh-CN': '照片 {ids} 不存在或不是您上传的',
    en: 'photos {ids} do not exist or were not uploaded by you',
  },
  'mediation.personalData': {
    'zh-CN': '「{field}」中似乎含有身份证号、电话等个人信息，请删去后再提交（当事人只记角色和人数）',
    en: '"{field}" seems to hold an identity number, phone or other personal detail; remove it (parties are recorded by role and number only)',
  },
  'mediation.field.focus': { 'zh-CN': '争议焦点', en: 'Focus' },
  'mediation.field.note': { 'zh-CN': '记录', en: 'Note' },
  'mediation.field.reason': { 'zh-CN': '上移理由', en: 'Reason' },
  'mediation.followupNotFound': {
    'zh-CN': '回访 {id} 不属于本调解',
    en: 'follow-up {id} does not belong to this mediation',
  },
  'mediation.followupDone': { 'zh-CN': '回访 {id} 已记录过', en: 'follow-up {id} was already logged' },
  'mediation.followupBeforeOutcome': {
    'zh-CN': '调解尚未结束，没有待办回访',
    en: 'the mediation has not ended; no follow-up is due',
  },
  'mediation.notFollowUpParty': {
    'zh-CN': '只有该网格的网格员、所在社区或街道的工作人员可以记录回访',
    en: "only the grid's worker or the staff of its community or street may log a follow-up visit",
  },
  'mediation.areaNotInScope': { 'zh-CN': '区域 {id} 不在您的管辖范围内', en: 'area {id} is outside your scope' },
  'mediation.alarm.cause': {
    'zh-CN': '{community}近 {days} 天因「{cause}」调解 {count} 起，建议源头治理',
    en: '{community}: {count} mediations over "{cause}" in {days} days; tackle the cause',
  },
} satisfies Catalogue;
