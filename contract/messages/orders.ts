// Messages of orders: errors, alarms and notices the server sends, by code. Keys start with 'orders.'.
// The state machine's refusals cite actions, roles and statuses by the nested messages at the end.
import type { Catalogue } from './types.js';

export const orders = {
  // Orders by id, and where they are
  'orders.notFoundInScope': {
    'zh-CN': '工单 {id} 不存在或不在您的管辖范围内',
    en: 'order {id} not found in your scope',
  },
  'orders.notFound': { 'zh-CN': '工单 {id} 不存在', en: 'order {id} not found' },
  'orders.areaNotInScope': { 'zh-CN': '区域 {id} 不在您的管辖范围内', en: 'area {id} is not in your scope' },
  'orders.outsideDistrict': {
    'zh-CN': '坐标 ({lon}, {lat}) 不在本区任何网格内；若坐标来自国内网络地图，可能是 GCJ-02 而非 WGS84',
    en: 'the point ({lon}, {lat}) is in no grid of this district — web-map coordinates may be GCJ-02 rather than WGS84',
  },
  'orders.placeOutsideScope': { 'zh-CN': '该位置不在您的管辖范围内', en: 'that place is outside your area' },
  'orders.unknownPhotos': { 'zh-CN': '照片 {ids} 不存在或不是您上传的', en: 'unknown photo ids: {ids}' },
  'orders.unknownDepartments': { 'zh-CN': '未知部门 {codes}', en: 'unknown department {codes}' },
  'orders.unknownCategory': { 'zh-CN': '未知类别 {code}', en: 'unknown category {code}' },
  'orders.unknownStatus': { 'zh-CN': '未知状态 {status}', en: 'unknown status {status}' },
  'orders.idempotencyKeyReused': {
    'zh-CN': 'Idempotency-Key 已用于另一个请求',
    en: 'this Idempotency-Key was used for a different request',
  },
  'orders.idempotencyKeyLength': {
    'zh-CN': 'Idempotency-Key 须为 {min}–{max} 个字符',
    en: 'Idempotency-Key must be {min} to {max} characters',
  },
  'orders.tooManyReports': {
    'zh-CN': '上报过于频繁，请 {seconds} 秒后再试',
    en: 'too many reports, retry in {seconds} s',
  },
  'orders.autoDispatchNote': { 'zh-CN': '按责任清单自动派单', en: 'auto-dispatched by the responsibility list' },
  'orders.systemActor': { 'zh-CN': '系统', en: 'system' },

  // Public text
  'orders.notPublic': {
    'zh-CN': '「{category}」类工单不公开，不能发布公开说明',
    en: '{category} orders are not published, so they have no public text',
  },
  'orders.noPublicText': { 'zh-CN': '工单 {id} 没有公开说明', en: 'order {id} has no public text' },

  // Responsibility list
  'orders.ruleForEveryAreaNeedsDistrict': {
    'zh-CN': '全区通用的责任清单只能由全区账号设置，请选择您辖区内的区域',
    en: 'a rule for every area is set district-wide: choose an area in your scope',
  },
  'orders.ruleExists': {
    'zh-CN': '该类别、区域和等级已有一条责任清单',
    en: 'a rule for this category, area and hazard level already exists',
  },
  'orders.ruleNotFoundInScope': {
    'zh-CN': '责任清单 {id} 不存在或不在您的管辖范围内',
    en: 'rule {id} not found in your scope',
  },

  // SLA policy (operator configuration)
  'orders.deadlineFormat': {
    'zh-CN': '时限格式应为 3d、2h 或 30m，收到 "{value}"',
    en: 'deadline must look like 3d, 2h or 30m, got "{value}"',
  },

  // Alarms: the kind is shown beside them, so they say what is particular to this one
  'orders.alarm.criticalHazard': { 'zh-CN': '{category}（工单 {id}）', en: '{category} (order {id})' },
  'orders.alarm.redCard': { 'zh-CN': '工单 {id} 超期，亮红牌', en: 'order {id} is overdue: red card' },
  'orders.alarm.districtEscalation': { 'zh-CN': '工单 {id} 已上升至区级', en: 'order {id} escalated to the district' },
  'orders.alarm.rootCause': {
    'zh-CN': '{category} {days} 天内同一地点 {count} 次',
    en: '{category}, {count} times at one place in {days} days',
  },

  // The state machine's refusals: the reason, then what is allowed now
  // The reason only: which actions remain is for the client to ask (GET /api/orders/:id actions), not to list here.
  'orders.conflict': { 'zh-CN': '{reason}', en: '{reason}' },
  'orders.nothingAllowed': { 'zh-CN': '无', en: 'none' },
  'orders.refuse.unknownAction': { 'zh-CN': '未知操作 {action}', en: 'unknown action {action}' },
  'orders.refuse.invalidTime': { 'zh-CN': '时间无效', en: 'invalid time' },
  'orders.refuse.wrongStatus': {
    'zh-CN': '「{status}」状态的工单不能{action}',
    en: 'cannot {action} an order that is {status}',
  },
  'orders.refuse.role': {
    'zh-CN': '{role}无权{action}，须由{roles}操作',
    en: 'role {role} may not {action}; {roles} may',
  },
  'orders.refuse.gridWorkerOwnGrids': {
    'zh-CN': '网格员只能处理本网格的工单',
    en: 'a grid worker may act only on orders in their own grids',
  },
  'orders.refuse.startNeedsAccept': {
    'zh-CN': '指挥中心须先受理再派遣；只有网格员可就地处置未受理的工单',
    en: 'the center accepts and dispatches; only a grid worker may start an unaccepted order on the spot',
  },
  'orders.refuse.reasonRequired': { 'zh-CN': '{action}须填写原因', en: '{action} needs a reason' },
  'orders.refuse.leadDeptRequired': { 'zh-CN': '须指定主办部门', en: 'choose a lead department' },
  'orders.refuse.noteRequired': { 'zh-CN': '须填写处置情况', en: 'describe what was done' },
  'orders.refuse.reviewerDispatched': {
    'zh-CN': '派单人不能核查自己派出的工单，请由其他调度员核查',
    en: 'whoever dispatched the order may not review it; ask another dispatcher',
  },
  'orders.refuse.reviewPassed': { 'zh-CN': '已核查通过', en: 'review has already passed' },
  'orders.refuse.noReporter': { 'zh-CN': '该工单没有报告人，无需评价', en: 'the order has no reporter to rate it' },
  'orders.refuse.reviewBeforeRating': {
    'zh-CN': '须先核查通过，再回访评价',
    en: 'review must pass before the reporter rates',
  },
  'orders.refuse.alreadyRated': { 'zh-CN': '已评价', en: 'the order is already rated' },
  'orders.refuse.ratingValues': {
    'zh-CN': '评价须为满意、基本满意或不满意',
    en: 'rating must be satisfied, basic or unsatisfied',
  },
  'orders.refuse.reviewBeforeClose': { 'zh-CN': '须先核查通过才能销号', en: 'review must pass before close-out' },
  'orders.refuse.closeNeedsRating': {
    'zh-CN': '销号前须回访报告人取得评价，或注明联系不上',
    en: "close-out needs the reporter's rating, or unreachable: true with a reason",
  },
  'orders.refuse.unreachableReason': {
    'zh-CN': '联系不上报告人时须说明原因',
    en: 'say why the reporter could not be reached',
  },
  'orders.refuse.duplicateOfRequired': { 'zh-CN': '须指定原工单编号', en: 'name the order this one duplicates' },
  'orders.refuse.duplicateOfItself': { 'zh-CN': '工单不能与自身重复', en: 'an order cannot duplicate itself' },

  // Escalation steps that no longer apply
  'orders.escalation.otherOrder': { 'zh-CN': '步骤不属于该工单', en: 'the step is for another order' },
  'orders.escalation.notEscalating': {
    'zh-CN': '工单状态为 {status}，不再升级',
    en: 'an order that is {status} is not escalated',
  },
  'orders.escalation.yellowIssued': { 'zh-CN': '黄牌已发出', en: 'the yellow card was already issued' },
  'orders.escalation.redIssued': { 'zh-CN': '红牌已发出', en: 'the red card was already issued' },
  'orders.escalation.stepOutdated': {
    'zh-CN': '升级步骤已过期',
    en: "the escalation step no longer matches the order's level",
  },
  'orders.escalation.unknownStep': { 'zh-CN': '未知升级步骤', en: 'unknown escalation step' },

  // Open311 (GeoReport v2): refusals and what the endpoints say
  'orders.open311.noGeocoding': {
    'zh-CN': '本系统不做地址解析，请提供 WGS84 坐标 lat 和 long',
    en: 'addresses are not geocoded here: send lat and long (WGS84)',
  },
  'orders.open311.locationRequired': {
    'zh-CN': '请提供位置 lat 和 long (WGS84)',
    en: 'lat and long (WGS84) are required',
  },
  'orders.open311.latAndLong': { 'zh-CN': 'lat 和 long 须同时提供', en: 'send both lat and long' },
  'orders.open311.decimalDegrees': {
    'zh-CN': 'lat 和 long 须为十进制度数（收到 {lat}, {long}）',
    en: 'lat and long must be decimal degrees (got {lat}, {long})',
  },
  'orders.open311.singleValue': {
    'zh-CN': '{key}：本系统没有多选属性，只能给一个值',
    en: '{key}: no attribute here takes several values',
  },
  'orders.open311.phoneWithName': {
    'zh-CN': '留了姓名请同时留手机号，便于回访',
    en: 'with a name, give a mobile phone too (we call back)',
  },
  'orders.open311.nameWithPhone': {
    'zh-CN': '留了手机号请同时留姓名 (last_name/first_name)',
    en: 'with a phone, give last_name or first_name too',
  },
  'orders.open311.mediaUrl': {
    'zh-CN': 'media_url 须为不超过 {max} 字符的 http(s) 地址',
    en: 'media_url must be an http(s) URL of at most {max} characters',
  },
  'orders.open311.serviceCodeMissing': { 'zh-CN': '未提供 service_code', en: 'service_code was not provided' },
  'orders.open311.serviceCodeUnknown': {
    'zh-CN': 'service_code {code} 不存在，见 services.json',
    en: 'service_code {code} not found; see services.json',
  },
  'orders.open311.noSuchAttribute': {
    'zh-CN': 'attribute[{key}]：「{category}」没有此属性，可用：{valid}',
    en: 'attribute[{key}]: {category} has no such attribute; valid: {valid}',
  },
  'orders.open311.none': { 'zh-CN': '无', en: 'none' },
  'orders.open311.attributeSingle': {
    'zh-CN': 'attribute[{key}] 须为单个值',
    en: 'attribute[{key}] must be a single value',
  },
  'orders.open311.attributeNumber': {
    'zh-CN': 'attribute[{key}] 须为数字（收到 {value}）',
    en: 'attribute[{key}] must be a number (got {value})',
  },
  'orders.open311.noDescription': { 'zh-CN': '{category}（未附描述）', en: '{category} (no description given)' },
  'orders.open311.badDatetime': {
    'zh-CN': '{name} 须为 W3C 日期时间，如 2026-01-01T00:00:00+08:00（收到 {value}）',
    en: '{name} must be a W3C datetime, e.g. 2010-01-01T00:00:00Z (got {value})',
  },
  'orders.open311.tooManyIds': {
    'zh-CN': 'service_request_id 最多 {max} 个',
    en: 'at most {max} service_request_id values',
  },
  'orders.open311.badId': {
    'zh-CN': 'service_request_id {id} 不是有效编号',
    en: 'service_request_id {id} is not a valid id',
  },
  'orders.open311.badStatus': {
    'zh-CN': 'status 只能是 open 或 closed（收到 {value}）',
    en: 'status must be open or closed (got {value})',
  },
  'orders.open311.startAfterEnd': { 'zh-CN': 'start_date 晚于 end_date', en: 'start_date is after end_date' },
  'orders.open311.spanTooLong': {
    'zh-CN': 'start_date 与 end_date 相隔不得超过 {days} 天',
    en: 'the range may not span more than {days} days',
  },
  'orders.open311.positiveInteger': { 'zh-CN': '须为正整数', en: 'must be a positive integer' },
  'orders.open311.format': { 'zh-CN': '格式须为 json 或 xml', en: 'format must be json or xml' },
  'orders.open311.apiKeyMissing': { 'zh-CN': '未提供 api_key', en: 'api_key was not provided' },
  'orders.open311.apiKeyInvalid': { 'zh-CN': 'api_key 无效或已过期', en: 'api_key is invalid or expired' },
  'orders.open311.roleMayNotReport': { 'zh-CN': '{role} 账号无权上报', en: 'a {role} account may not report' },
  'orders.open311.registered': {
    'zh-CN': '已登记为工单 {id}，预计 {due} 前办结',
    en: 'registered as work order {id}, expected by {due}',
  },
  'orders.open311.registeredNearDuplicates': {
    'zh-CN': '已登记为工单 {id}，预计 {due} 前办结；附近 {radius} 米内已有 {count} 件同类工单在办',
    en: 'registered as work order {id}, expected by {due}; {count} open report(s) of this kind within {radius} m',
  },
  'orders.open311.requestNotFound': {
    'zh-CN': 'service_request_id {id} 不存在',
    en: 'service_request_id {id} not found',
  },
  'orders.open311.tokenNotFound': { 'zh-CN': 'token {token} 不存在', en: 'token {token} not found' },
  'orders.open311.noSuchEndpoint': { 'zh-CN': '没有这个接口，见 {discovery}', en: 'no such endpoint; see {discovery}' },
  'orders.open311.contact': { 'zh-CN': '网格化综合指挥中心', en: 'Gridwall command center' },
  'orders.open311.keyService': {
    'zh-CN': 'api_key 即可上报账号的会话令牌，由 POST /api/auth/login 取得',
    en: 'api_key is the session token of an account that may report, from POST /api/auth/login',
  },
  'orders.open311.unpublished': {
    'zh-CN': '{category}（办理情况不公开）',
    en: '{category} (requests are not published)',
  },
  'orders.open311.hazardLevel': { 'zh-CN': '隐患等级', en: 'Hazard level' },
  'orders.open311.hazardLevelType': { 'zh-CN': '隐患等级，三选一', en: 'hazard level, one of three' },
  'orders.open311.numberType': { 'zh-CN': '数字，如 3 或 2.5', en: 'a number, e.g. 3 or 2.5' },
  'orders.open311.listType': { 'zh-CN': '从列表中选一项', en: 'pick one value from the list' },
  'orders.open311.textType': { 'zh-CN': '一行文字', en: 'one line of text' },
  'orders.hazard.general': { 'zh-CN': '一般', en: 'general' },
  'orders.hazard.major': { 'zh-CN': '较大', en: 'major' },
  'orders.hazard.critical': { 'zh-CN': '重大', en: 'critical' },

  // What a resident is told happened last (Open311 status_notes)
  'orders.publicStep.report': { 'zh-CN': '已登记', en: 'reported' },
  'orders.publicStep.accept': { 'zh-CN': '已受理', en: 'accepted' },
  'orders.publicStep.dispatch': { 'zh-CN': '已派单至责任部门', en: 'dispatched to the responsible department' },
  'orders.publicStep.start': { 'zh-CN': '处置中', en: 'work started' },
  'orders.publicStep.resolve': { 'zh-CN': '已处置，待核查', en: 'resolved, awaiting review' },
  'orders.publicStep.review_pass': { 'zh-CN': '核查通过', en: 'review passed' },
  'orders.publicStep.review_fail': { 'zh-CN': '核查未通过，重新处置', en: 'review failed, being redone' },
  'orders.publicStep.return': { 'zh-CN': '已退回指挥中心重新派单', en: 'returned to the center for re-dispatch' },
  'orders.publicStep.reroute': { 'zh-CN': '已改派', en: 'reassigned' },
  'orders.publicStep.hold': { 'zh-CN': '已挂起', en: 'on hold' },
  'orders.publicStep.resume': { 'zh-CN': '已恢复处置', en: 'resumed' },
  'orders.publicStep.rate': { 'zh-CN': '已回访', en: 'callback done' },
  'orders.publicStep.close': { 'zh-CN': '已办结', en: 'closed' },
  'orders.publicStep.cancel': { 'zh-CN': '已撤销', en: 'cancelled' },
  'orders.publicStep.mark_duplicate': { 'zh-CN': '与其他工单重复，已合并', en: 'duplicate of another request' },
  'orders.publicStep.reopen': { 'zh-CN': '已重新打开', en: 'reopened' },

  // Names the refusals cite (English: the codes a client sends)
  'orders.action.accept': { 'zh-CN': '受理', en: 'accept' },
  'orders.action.dispatch': { 'zh-CN': '派遣', en: 'dispatch' },
  'orders.action.start': { 'zh-CN': '开始处置', en: 'start' },
  'orders.action.resolve': { 'zh-CN': '办结', en: 'resolve' },
  'orders.action.review_pass': { 'zh-CN': '核查通过', en: 'pass review' },
  'orders.action.review_fail': { 'zh-CN': '核查不通过', en: 'fail review' },
  'orders.action.return': { 'zh-CN': '退单', en: 'return' },
  'orders.action.reroute': { 'zh-CN': '改派', en: 'reroute' },
  'orders.action.hold': { 'zh-CN': '挂起', en: 'hold' },
  'orders.action.resume': { 'zh-CN': '恢复', en: 'resume' },
  'orders.action.rate': { 'zh-CN': '评价', en: 'rate' },
  'orders.action.close': { 'zh-CN': '销号', en: 'close' },
  'orders.action.cancel': { 'zh-CN': '撤销', en: 'cancel' },
  'orders.action.mark_duplicate': { 'zh-CN': '标记重复', en: 'mark as duplicate' },
  'orders.action.reopen': { 'zh-CN': '重启', en: 'reopen' },
  'orders.action.hand_up': { 'zh-CN': '上报', en: 'hand up' },
  'orders.action.hand_down': { 'zh-CN': '下派', en: 'hand down' },
  'orders.action.sign': { 'zh-CN': '签收', en: 'sign for' },
  'orders.action.request_extension': { 'zh-CN': '申请延期', en: 'ask for more time' },
  'orders.action.decide_extension': { 'zh-CN': '审批延期', en: 'decide on more time' },
  'orders.action.request_assist': { 'zh-CN': '申请协办', en: 'ask to assist' },
  'orders.action.assist_update': { 'zh-CN': '协办反馈', en: 'assist answer' },
  'orders.action.note': { 'zh-CN': '进展记录', en: 'progress note' },
  'orders.role.admin': { 'zh-CN': '管理员', en: 'admin' },
  'orders.role.operator': { 'zh-CN': '值守员', en: 'operator' },
  'orders.role.dispatcher': { 'zh-CN': '调度员', en: 'dispatcher' },
  'orders.role.planner': { 'zh-CN': '规划员', en: 'planner' },
  'orders.role.supervisor': { 'zh-CN': '督导员', en: 'supervisor' },
  'orders.role.grid_worker': { 'zh-CN': '网格员', en: 'grid worker' },
  'orders.role.department': { 'zh-CN': '部门工作人员', en: 'department staff' },
  'orders.role.system': { 'zh-CN': '系统', en: 'system' },
  'orders.open311.invalidField': { 'zh-CN': '{field}：{issue}', en: '{field}: {issue}' },
  'orders.field.chooseDepartment': { 'zh-CN': '请选择部门', en: 'choose a department' },
  'orders.field.leadAlsoAssisting': {
    'zh-CN': '主办部门不能同时是协办部门',
    en: 'the lead department cannot also assist',
  },
  'orders.field.tooManyPhotos': { 'zh-CN': '最多 9 张照片', en: 'at most 9 photos' },
  'orders.field.reasonRequired': { 'zh-CN': '请填写原因', en: 'a reason is required' },
  'orders.field.reasonTooLong': { 'zh-CN': '原因不超过 500 字', en: 'reason is at most 500 characters' },
  'orders.field.longitudeNumber': { 'zh-CN': '经度须为数字', en: 'longitude must be a number' },
  'orders.field.latitudeNumber': { 'zh-CN': '纬度须为数字', en: 'latitude must be a number' },
  'orders.field.mobileNumberRequired': { 'zh-CN': '请填写手机号', en: 'a mobile number is required' },
  'orders.field.mobileFormat': {
    'zh-CN': '手机号格式不正确 (11 位, 以 1 开头)',
    en: 'not a valid Chinese mobile number (11 digits starting with 1)',
  },
  'orders.field.nameRequired': { 'zh-CN': '请填写姓名', en: 'name is required' },
  'orders.field.chooseCategory': { 'zh-CN': '请选择类别', en: 'choose a category' },
  'orders.field.describeProblem': { 'zh-CN': '请描述问题', en: 'describe the problem' },
  'orders.field.descriptionTooLong': { 'zh-CN': '描述不超过 2000 字', en: 'description is at most 2000 characters' },
  'orders.field.describeWhatWasDone': { 'zh-CN': '请填写处置情况', en: 'describe what was done' },
  'orders.field.extensionHours': { 'zh-CN': '延期时长须为 1 至 1440 小时', en: 'more time must be 1 to 1440 hours' },
  'orders.field.assistDepts': { 'zh-CN': '请选择协办部门', en: 'choose the departments to assist' },
  'orders.field.noteText': { 'zh-CN': '请填写进展情况', en: 'write what has happened' },
  'orders.field.unreachableReasonRequired': {
    'zh-CN': '联系不上报告人时须说明原因',
    en: 'say why the reporter could not be reached',
  },
  'orders.field.publicTextRequired': { 'zh-CN': '请填写公开说明', en: 'write the public text' },
  'orders.field.publicTextTooLong': {
    'zh-CN': '公开说明不超过 1000 字',
    en: 'the public text is at most 1000 characters',
  },
  'orders.field.longitudeRange': {
    'zh-CN': '经度 {value} 超出范围 (73–135)',
    en: 'longitude {value} out of range (73–135)',
  },
  'orders.field.latitudeRange': { 'zh-CN': '纬度 {value} 超出范围 (3–54)', en: 'latitude {value} out of range (3–54)' },
  'orders.field.unknownCategory': { 'zh-CN': '未知类别 {code}', en: 'unknown category {code}' },
  'orders.field.hazardLevelRequired': {
    'zh-CN': '「{category}」须标注隐患等级 (一般/较大/重大)',
    en: '{category} needs a hazard level (general/major/critical)',
  },
  'orders.field.fieldRequired': { 'zh-CN': '请填写「{field}」', en: '{field} is required' },
  'orders.field.fieldType': { 'zh-CN': '「{field}」应为 {expect}', en: '{field} must be {expect}' },
} as const satisfies Catalogue;
