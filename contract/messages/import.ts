// Messages of import: errors, alarms and notices the server sends, by code. Keys start with 'import.'.
import type { Catalogue } from './types.js';

export const importMessages = {
  'import.noFile': { 'zh-CN': '缺少文件：表单字段应为 file', en: 'no file: send it in the multipart field "file"' },
  'import.crs.named': { 'zh-CN': '按指定坐标系 {crs}', en: 'as named: {crs}' },
  'import.crs.namedDoubt': {
    'zh-CN': '指定的是 {crs}，但坐标按 {as} 读才与现有边界对齐（中位距离 {table}），可能混用了坐标系',
    en: 'named {crs}, but the coordinates line up with the existing boundaries only when read as {as} (median distance {table}): a likely mix-up',
  },
  'import.crs.notGeographic': {
    'zh-CN': '坐标不是经纬度，与指定的 {crs} 不符；投影坐标请指定 epsg:NNNN 或附 .prj',
    en: 'the coordinates are not longitudes/latitudes, so they cannot be {crs}: name the projected CRS (epsg:NNNN) or include the .prj',
  },
  'import.crs.declared': { 'zh-CN': '文件声明坐标系 {crs}', en: 'the file declares {crs}' },
  'import.crs.declaredContradicted': {
    'zh-CN': '文件声明 {crs}，但坐标按 {as} 读才与现有边界对齐，已按 {as} 处理；{detail}',
    en: 'the file declares {crs}, but the coordinates line up with the existing boundaries only when read as {as}, so they were read as {as}; {detail}',
  },
  'import.crs.declaredFit': {
    'zh-CN': '（与现有边界的中位距离 {metres} m）',
    en: ' (median distance to the existing boundaries {metres} m)',
  },
  'import.crs.chooseCrs': {
    'zh-CN':
      '坐标系未定，不能接受：请对照地图上的候选位置（GCJ-02 读法与 WGS84 相距约 {gcj02} m，BD-09 约 {bd09} m），选定坐标系后重新分析',
    en: 'the CRS is undecided, so this cannot be accepted: compare the candidate placements on the map (the GCJ-02 reading lies ~{gcj02} m from the WGS84 one, BD-09 ~{bd09} m) and re-analyse with the CRS named',
  },
  'import.crs.axesSwapped': {
    'zh-CN': '经纬度颠倒：坐标如 ({x}, {y}) 是（纬度, 经度），交换后才落在中国境内；请选择「交换经纬度」重新分析',
    en: 'swapped axes: coordinates such as ({x}, {y}) are (latitude, longitude) and lie in China only when swapped; re-analyse with "swap axes"',
  },
  'import.crs.axesSwappedApplied': {
    'zh-CN': '已按要求交换经纬度（文件为 纬度, 经度 顺序）',
    en: 'axes swapped as asked (the file gives latitude, longitude)',
  },
  'import.read.encodingCpg': {
    'zh-CN': '文本编码 {encoding}：按 .cpg（{cpg}），内容与之相符',
    en: 'text read as {encoding}: the .cpg says {cpg} and the table agrees',
  },
  'import.read.encodingNoCpgUtf8': {
    'zh-CN': '文本编码 UTF-8：没有 .cpg，表内文字是有效的 UTF-8',
    en: 'text read as UTF-8: no .cpg, and the table is valid UTF-8',
  },
  'import.read.encodingNoCpgGbk': {
    'zh-CN': '文本编码 GBK（按 GB18030 读取）：没有 .cpg，表内文字不是有效的 UTF-8',
    en: 'text read as GBK (as GB18030): no .cpg, and the table is not valid UTF-8',
  },
  'import.read.encodingCpgNotUtf8': {
    'zh-CN': '文本编码 GBK（按 GB18030 读取）：.cpg 写的是 {cpg}，但表内文字不是有效的 UTF-8，按 GB18030 读才是中文',
    en: 'text read as GBK (as GB18030): the .cpg says {cpg}, but the table is not valid UTF-8 and reads as Chinese in GB18030',
  },
  'import.read.encodingCpgLatin1Gbk': {
    'zh-CN': '文本编码 GBK（按 GB18030 读取）：.cpg 写的是 {cpg}，但按它读是乱码，按 GB18030 读才是中文',
    en: 'text read as GBK (as GB18030): the .cpg says {cpg}, but that reads as mojibake and GB18030 reads as Chinese',
  },
  'import.read.encodingLatin1Repaired': {
    'zh-CN': '文本已修复：.cpg 为 {cpg}，但文字是 GBK 被当作 Latin-1 读过再存成的乱码（如「ÄÏ¾©」），已按 GB18030 还原',
    en: 'text repaired: the .cpg says {cpg}, but the text is GBK once read as Latin-1 and saved again (mojibake such as "ÄÏ¾©"); restored as GB18030',
  },
  'import.read.encodingUndecodable': {
    'zh-CN': '文本编码存疑：.cpg 写的是 {cpg}，但表内文字既不是有效的 UTF-8，也不像 GBK 中文，名称可能是乱码，请检查',
    en: 'text encoding doubtful: the .cpg says {cpg}, but the table is neither valid UTF-8 nor Chinese in GBK; names may be garbled, check them',
  },
  'import.read.encodingReplacement': {
    'zh-CN': '文本含替换字符（�）：.cpg 为 {cpg}，文字在本文件生成之前已经损坏，名称可能不完整，请检查',
    en: 'the text holds replacement characters (�): the .cpg says {cpg} and the names were damaged before this file was made; check them',
  },
  'import.crs.declaredGeographic': {
    'zh-CN': '文件声明 {crs}，按 WGS84/CGCS2000 读取{fit}',
    en: 'the file declares {crs}: read as WGS84/CGCS2000{fit}',
  },
  'import.unsupportedGeometry': { 'zh-CN': '不支持的几何类型 {type}', en: 'unsupported geometry {type}' },
  // Area levels, for messages that name one.
  'import.level.district': { 'zh-CN': '区', en: 'district' },
  'import.level.street': { 'zh-CN': '街道', en: 'street' },
  'import.level.community': { 'zh-CN': '社区', en: 'community' },
  'import.level.grid': { 'zh-CN': '网格', en: 'grid' },
  'import.level.special': { 'zh-CN': '专属网格', en: 'special grid' },
  'import.noProperty': {
    'zh-CN': '没有属性「{name}」；图层的属性有：{fields}',
    en: 'no property "{name}"; the layer has: {fields}',
  },
  'import.invalidOptions': { 'zh-CN': '导入选项无效：{issues}', en: 'invalid import options: {issues}' },
  'import.specialClassRequired': {
    'zh-CN': '导入专属网格需指定类别 specialClass（daily、key 或 linkage）',
    en: 'special grids need a specialClass: daily, key or linkage',
  },
  'import.noGeometries': { 'zh-CN': '图层中没有几何', en: 'the layer has no geometries' },
  'import.noNameField': {
    'zh-CN': '找不到名称字段，请在映射中指定（属性：{fields}）',
    en: 'no name property found: name it in the mapping (properties: {fields})',
  },
  'import.featureWithoutName': { 'zh-CN': '第 {n} 个要素没有名称', en: 'feature {n} has no name' },
  'import.featureWithoutGeometry': { 'zh-CN': '「{name}」没有几何', en: '"{name}" has no geometry' },
  'import.pointAmongPolygons': {
    'zh-CN': '「{name}」是点而图层其他要素是面',
    en: '"{name}" is a point among polygons',
  },
  'import.ringTooShort': {
    'zh-CN': '「{name}」的边界少于 3 个不同的点',
    en: '"{name}" has a ring with fewer than 3 distinct points',
  },
  'import.unrepairable': {
    'zh-CN': '「{name}」无法修复为面（{reason}）',
    en: '"{name}" cannot be repaired into a polygon ({reason})',
  },
  'import.repaired': {
    'zh-CN': '「{name}」几何无效（{reason}），已用 ST_MakeValid 修复',
    en: '"{name}" was invalid ({reason}) and was repaired with ST_MakeValid',
  },
  'import.parentNotInScope': {
    'zh-CN': '上级区域 {id} 不是您辖区内的{level}',
    en: 'parent {id} is not a {level} in your scope',
  },
  'import.parentAmbiguous': {
    'zh-CN': '上级名称「{parent}」不唯一，请改用编码',
    en: 'parent name "{parent}" is ambiguous: map the parent by code',
  },
  'import.parentMissing': {
    'zh-CN': '「{name}」的上级{level}「{parent}」不存在于您的辖区',
    en: 'parent {level} "{parent}" of "{name}" is not in your scope',
  },
  'import.inNoParent': {
    'zh-CN': '「{name}」不在您辖区内的任何{level}中',
    en: '"{name}" lies in no {level} of your scope',
  },
  'import.codeRepeated': {
    'zh-CN': '编码 {code} 在文件中出现 {n} 次',
    en: 'code {code} appears {n} times in the file',
  },
  'import.badCode': {
    'zh-CN': '「{name}」的编码 {code} 应为 {digits} 位数字',
    en: 'code {code} of "{name}" must be {digits} digits',
  },
  'import.codeTaken': {
    'zh-CN': '编码 {code} 已属于{level}「{name}」',
    en: 'code {code} already belongs to the {level} "{name}"',
  },
  'import.parentChanged': {
    'zh-CN': '「{name}」({code}) 已存在于另一个上级下；更换上级会使其工单、网格员等关联失效，不予导入',
    en: '"{name}" ({code}) exists under another parent: moving it would orphan its orders, workers and grids, so it is refused',
  },
  'import.districtByCodeOnly': {
    'zh-CN': '区级边界只能按编码更新现有的区',
    en: 'a district boundary can only update an existing district, by its code',
  },
  'import.noFreeCode': { 'zh-CN': '「{name}」下已无可用编码', en: 'no free code left under "{name}"' },
  'import.codeGenerated': { 'zh-CN': '「{name}」没有编码，生成 {code}', en: '"{name}" had no code: {code} generated' },
  'import.voronoiEmpty': {
    'zh-CN': '「{name}」的泰森多边形为空（点在上级之外或与其他点重合）',
    en: '"{name}": its Voronoi cell is empty (the point lies outside its parent or on another point)',
  },
  'import.pointOutsideParent': {
    'zh-CN': '「{name}」的点不在其上级「{parent}」内，无法生成范围：请选择正确的上级，或修正坐标',
    en: '"{name}": the point lies outside its parent "{parent}", so no cell can be derived: choose the right parent, or fix the point',
  },
  'import.pointInOtherParent': {
    'zh-CN':
      '「{name}」的点不在其上级「{parent}」内，而在{level}「{other}」（{code}）内：请把上级改为「{other}」，或修正坐标',
    en: '"{name}": the point lies outside its parent "{parent}", in the {level} "{other}" ({code}): make "{other}" its parent, or fix the point',
  },
  'import.pointsOnly': {
    'zh-CN': '只有点位：{count} 个{level}的范围由泰森多边形（按上级裁剪）生成，标记为推算',
    en: 'points only: the {count} {level} polygons are Voronoi cells of the points clipped to their parent, marked as derived',
  },
  'import.notImported': {
    'zh-CN': '第 {n} 个要素「{name}」无法导入（没有可用的范围或上级）',
    en: 'feature {n} "{name}" cannot be imported (no usable area or parent)',
  },
  'import.outsideParent': {
    'zh-CN': '「{name}」有 {share} 在上级「{parent}」之外：请修正文件中的范围，或放宽容差',
    en: '{share} of "{name}" lies outside its parent "{parent}": fix its outline in the file, or allow a larger tolerance',
  },
  'import.outsideParentElsewhere': {
    'zh-CN':
      '「{name}」有 {share} 在上级「{parent}」之外，大部分位于{level}「{other}」（{code}）内：请把上级改为「{other}」（映射上级字段或选择上级），或修正文件',
    en: '{share} of "{name}" lies outside its parent "{parent}"; most of it lies in the {level} "{other}" ({code}): make "{other}" its parent (map the parent field or choose the parent), or fix the file',
  },
  'import.outsideParentNowhere': {
    'zh-CN':
      '「{name}」有 {share} 在上级「{parent}」之外，且不在本辖区任何{level}内：请检查坐标系与文件，或选择正确的上级',
    en: '{share} of "{name}" lies outside its parent "{parent}" and in no {level} of this district: check the file and its coordinate system, or choose the right parent',
  },
  'import.pointInDividedParent': {
    'zh-CN':
      '「{name}」的点落在已有{level}「{existing}」（{code}）内，「{parent}」在此处已划分完毕：若要更新该{level}，请使用编码 {code}；否则请先调整已有区域',
    en: '"{name}": the point lies in the existing {level} "{existing}" ({code}) and "{parent}" is already divided there: give it the code {code} to update that {level}, or change the existing ones first',
  },
  'import.partsMerged': {
    'zh-CN': '「{name}」由 {n} 个要素组成（第 {features} 个），已合并为一个多部件范围',
    en: '"{name}" comes in {n} features ({features}); they are merged into one multi-part area',
  },
  'import.duplicateName': {
    'zh-CN': '「{parent}」下有 {n} 个同名{level}「{name}」（编码 {codes}）：请确认是不同的区域',
    en: '{n} {level} areas named "{name}" under "{parent}" (codes {codes}): make sure they are different areas',
  },
  'import.duplicateNameStored': {
    'zh-CN': '「{parent}」下已有同名{level}「{name}」（编码 {code}）：请确认是不同的区域，或使用其编码以更新它',
    en: '"{parent}" already has a {level} named "{name}" (code {code}): make sure this is a different area, or use its code to update it',
  },
  'import.codeColumnIsParent.values': {
    'zh-CN': '字段「{field}」的值是已有{parentLevel}的编码，按上级读取；{next}',
    en: 'the field "{field}" holds codes of existing {parentLevel} areas, so it is read as the parent; {next}',
  },
  'import.codeColumnIsParent.same': {
    'zh-CN': '字段「{field}」在几乎所有要素上取同一个值，是{parentLevel}的编码而非各{level}自己的，按上级读取；{next}',
    en: 'the field "{field}" has the same value on nearly every feature: it is the {parentLevel} code, not each {level}\'s own, so it is read as the parent; {next}',
  },
  'import.codeColumnIsParent.name': {
    'zh-CN': '字段「{field}」的名称指向{parentLevel}，按上级编码读取；{next}',
    en: 'the field "{field}" is named for the {parentLevel}, so it is read as the parent\'s code; {next}',
  },
  'import.codeColumnNext': {
    'zh-CN': '编码取自字段「{field}」',
    en: 'codes come from the field "{field}"',
  },
  'import.codeColumnNone': {
    'zh-CN': '没有其他编码字段，将自动生成编码',
    en: 'there is no other code field, so codes will be generated',
  },
  'import.overlapIncoming': {
    'zh-CN': '「{name}」与「{other}」重叠 {share}',
    en: '"{name}" and "{other}" overlap by {share}',
  },
  'import.overlapExisting': {
    'zh-CN': '「{name}」与现有{level}「{other}」重叠 {share}',
    en: '"{name}" overlaps the existing {level} "{other}" by {share}',
  },
  'import.gap': {
    'zh-CN': '「{name}」有 {share} 未被任何{level}覆盖',
    en: '{share} of "{name}" is covered by no {level}',
  },
  'import.notFoundInScope': { 'zh-CN': '导入 {id} 不存在或不在您的辖区', en: 'import {id} not found in your scope' },
  'import.adminOnly': { 'zh-CN': '边界导入仅限管理员', en: 'boundary imports are for administrators' },
  'import.alreadyAccepted': { 'zh-CN': '导入 {id} 已接受', en: 'import {id} is already accepted' },
  'import.alreadyCancelled': { 'zh-CN': '导入 {id} 已取消', en: 'import {id} is already cancelled' },
  'import.hasErrors': {
    'zh-CN': '导入 {id} 有 {errors} 个错误，不能接受',
    en: 'import {id} has {errors} errors and cannot be accepted',
  },
  'import.codeTakenMeanwhile': {
    'zh-CN': '编码已被占用（导入后有人新建了同编码区域），请重新导入',
    en: 'a code was taken since the report was made: import again',
  },
  'import.regrid.invalidRequest': { 'zh-CN': '网格划分参数无效：{issue}', en: 'invalid re-gridding request: {issue}' },
  'import.regrid.minBelowMax': {
    'zh-CN': 'minHouseholds 应小于 maxHouseholds',
    en: 'minHouseholds must be below maxHouseholds',
  },
  'import.regrid.communityNotFound': {
    'zh-CN': '社区 {id} 不存在或不在您的辖区',
    en: 'community {id} not found in your scope',
  },
  'import.regrid.noHouseholds': {
    'zh-CN': '社区「{name}」内没有有住户的建筑，无法按户数划分网格',
    en: 'community "{name}" has no buildings with households to grid by',
  },
  'import.regrid.cutByRoads': { 'zh-CN': '按道路切成 {count} 个街坊', en: 'cut by roads into {count} blocks' },
  'import.regrid.noRoads': { 'zh-CN': '社区内无道路', en: 'no roads inside the community' },
  'import.regrid.intro': {
    'zh-CN': '{buildings} 栋建筑共 {households} 户，{roads}，目标每网格约 {target} 户',
    en: '{buildings} buildings, {households} households, {roads}, about {target} households a grid',
  },
  'import.regrid.summary': {
    'zh-CN': '{intro}；划为 {count} 个网格，平均紧凑度 {compactness}',
    en: '{intro}; {count} grids, mean compactness {compactness}',
  },
  'import.regrid.householdsOutOfRange': {
    'zh-CN': '第 {n} 网格「{name}」{households} 户，超出 {min}–{max} 户',
    en: 'grid {n} "{name}" has {households} households, outside {min}–{max}',
  },
  'import.regrid.notContiguous': {
    'zh-CN': '第 {n} 网格「{name}」由 {parts} 块组成，不连续',
    en: 'grid {n} "{name}" is in {parts} separate pieces',
  },
  'import.regrid.replaces': {
    'zh-CN':
      '替换现有 {old} 个网格：{kept} 个按重叠最多原地更新（编号、名称不变），建筑、居民、工单、资源按位置归入新网格{surplus}',
    en: 'replaces the {old} existing grids: {kept} updated in place where they overlap most (same ids, codes and names); buildings, residents, orders and resources follow their location{surplus}',
  },
  'import.regrid.surplus': {
    'zh-CN': '；多出的 {count} 个旧网格将删除（若仍有其他数据引用则拒绝）',
    en: '; {count} surplus old grids are deleted (refused while other data still points at them)',
  },
  'import.regrid.fromStoredData': { 'zh-CN': '由库内数据生成', en: 'generated from the stored data' },
  'import.regrid.invalidAdjustment': { 'zh-CN': '调整无效：{issues}', en: 'invalid adjustment: {issues}' },
  'import.regrid.notProposal': {
    'zh-CN': '导入 {id} 不是网格划分方案，不能调整',
    en: 'import {id} is not a re-gridding proposal and cannot be adjusted',
  },
  'import.regrid.proposalAccepted': {
    'zh-CN': '方案 {id} 已接受，不能再调整',
    en: 'proposal {id} is already accepted and can no longer be adjusted',
  },
  'import.regrid.proposalCancelled': {
    'zh-CN': '方案 {id} 已取消，不能再调整',
    en: 'proposal {id} is already cancelled and can no longer be adjusted',
  },
  'import.regrid.noUnits': {
    'zh-CN': '方案 {id} 不含可调整的数据，请重新生成',
    en: 'proposal {id} holds no units to adjust: propose again',
  },
  'import.regrid.communityNotInScope': { 'zh-CN': '社区 {id} 不在您的辖区', en: 'community {id} not in your scope' },
  'import.regrid.blocksAndBuildings': {
    'zh-CN': '{blocks} 个街坊、{buildings} 栋建筑',
    en: '{blocks} block(s) and {buildings} building(s)',
  },
  'import.regrid.blocks': { 'zh-CN': '{count} 个街坊', en: '{count} block(s)' },
  'import.regrid.buildings': { 'zh-CN': '{count} 栋建筑', en: '{count} building(s)' },
  'import.regrid.moved': { 'zh-CN': '调整：{what} 移入第 {grid} 网格', en: 'adjusted: {what} moved to grid {grid}' },
  'import.regrid.merged': {
    'zh-CN': '调整：第 {from} 网格并入第 {into} 网格',
    en: 'adjusted: grid {from} merged into grid {into}',
  },
  'import.regrid.split': {
    'zh-CN': '调整：第 {grid} 网格拆为两个（新增第 {added} 网格）',
    en: 'adjusted: grid {grid} split in two (the new one is grid {added})',
  },
  'import.regrid.surplusReferenced': {
    'zh-CN': '多出的旧网格仍被引用，未做任何修改：{tables}',
    en: 'the surplus old grids are still referenced, nothing was changed: {tables}',
  },
  'import.regrid.noSuchGrid': {
    'zh-CN': '方案中没有第 {n} 网格（共 {count} 个）',
    en: 'the proposal has no grid {n} (it has {count})',
  },
  'import.regrid.gridLeftEmpty': {
    'zh-CN': '调整后第 {n} 网格将没有建筑，请改为合并',
    en: 'grid {n} would be left without buildings: merge it instead',
  },
  'import.regrid.nothingToMove': { 'zh-CN': '请指定要移动的街坊或建筑', en: 'name the blocks or buildings to move' },
  'import.regrid.noSuchBlock': { 'zh-CN': '方案中没有街坊 {id}', en: 'the proposal has no block {id}' },
  'import.regrid.noSuchBuilding': {
    'zh-CN': '方案中没有建筑 {id}（只含有住户的建筑）',
    en: 'the proposal has no building {id} (it holds the buildings with households)',
  },
  'import.regrid.alreadyInGrid': { 'zh-CN': '所选已在第 {n} 网格', en: 'what was chosen is already in grid {n}' },
  'import.regrid.notNeighbour': {
    'zh-CN': '第 {n} 网格与街坊 {block} 不相邻，只能移到相邻网格',
    en: 'grid {n} does not border block {block}: units move only to a neighbouring grid',
  },
  'import.regrid.sameGrid': { 'zh-CN': '请选择两个不同的网格', en: 'choose two different grids' },
  'import.regrid.notBordering': {
    'zh-CN': '第 {a} 与第 {b} 网格不相邻，不能合并',
    en: 'grids {a} and {b} do not border each other and cannot be merged',
  },
  'import.regrid.tooFewToSplit': {
    'zh-CN': '第 {n} 网格只有 {count} 栋有住户的建筑，无法拆分',
    en: 'grid {n} has {count} building(s) with households and cannot be split',
  },
  'import.regrid.cannotCut': {
    'zh-CN': '第 {n} 网格的建筑无法分成两部分',
    en: 'the buildings of grid {n} cannot be cut in two',
  },
  'import.wkt.unsupported': {
    'zh-CN': 'WKT 只支持 POINT、MULTIPOINT、POLYGON、MULTIPOLYGON：「{text}」',
    en: 'only POINT, MULTIPOINT, POLYGON and MULTIPOLYGON WKT is read: "{text}"',
  },
  'import.wkt.empty': { 'zh-CN': 'WKT 为空几何', en: 'the WKT geometry is EMPTY' },
  'import.wkt.badCoordinate': { 'zh-CN': 'WKT 坐标无效：「{near}」附近', en: 'bad WKT coordinate near "{near}"' },
  'import.wkt.expectedParen': { 'zh-CN': 'WKT 在 {at} 处缺少 "("', en: 'expected "(" at {at}' },
  'import.wkt.unreadable': { 'zh-CN': 'WKT 无法解析', en: 'unreadable WKT' },
  'import.wkt.unreadableAt': { 'zh-CN': 'WKT 在 {at} 处无法解析', en: 'unreadable WKT at {at}' },
  'import.wkt.trailing': { 'zh-CN': 'WKT 末尾有多余内容', en: 'trailing text after the WKT' },
  'import.read.zipTheShapefile': {
    'zh-CN': 'Shapefile 请打包为 zip（含 .shp .shx .dbf .prj .cpg）',
    en: 'send a Shapefile as one .zip with its .shp, .shx, .dbf, .prj and .cpg',
  },
  'import.read.unsupportedFile': {
    'zh-CN': '不支持的文件类型 .{ext}：请用 GeoJSON、zip 打包的 Shapefile、CSV 或 XLSX',
    en: 'unsupported file .{ext}: use GeoJSON, a zipped Shapefile, CSV or XLSX',
  },
  'import.read.malformedGeoJson': { 'zh-CN': 'GeoJSON 格式错误：{reason}', en: 'malformed GeoJSON: {reason}' },
  'import.read.geoJsonType': {
    'zh-CN': 'GeoJSON 应为 FeatureCollection、Feature 或几何对象',
    en: 'GeoJSON must be a FeatureCollection, a Feature or a geometry',
  },
  'import.read.notFeature': { 'zh-CN': '第 {n} 个要素不是 Feature', en: 'feature {n} is not a Feature' },
  'import.read.geometryType': {
    'zh-CN': '第 {n} 个要素的几何类型 {type} 不支持（只收点或面）',
    en: 'feature {n}: geometry type {type} is not a point or polygon',
  },
  'import.read.badCoordinates': { 'zh-CN': '第 {n} 个要素坐标无效', en: 'feature {n} has malformed coordinates' },
  'import.read.nulProperty': {
    'zh-CN': '第 {n} 个要素的属性 {property} 含有空字符（NUL）',
    en: 'feature {n}: property {property} holds a NUL character',
  },
  'import.read.noShp': { 'zh-CN': 'zip 中没有 .shp 文件', en: 'the zip holds no .shp file' },
  'import.read.severalLayers': {
    'zh-CN': 'zip 中有多个图层（{layers}），请一次导入一个',
    en: 'the zip holds several layers ({layers}): import one at a time',
  },
  'import.read.noDbf': { 'zh-CN': '缺少 .dbf 属性表', en: 'the .dbf attribute table is missing' },
  'import.read.badShapefile': { 'zh-CN': 'Shapefile 无法读取：{reason}', en: 'the Shapefile cannot be read: {reason}' },
  'import.read.emptyTable': { 'zh-CN': '表格为空', en: 'the table is empty' },
  'import.read.noColumn': {
    'zh-CN': '表头中没有列「{name}」（{what}）；表头：{header}',
    en: 'no column "{name}" ({what}) in the header: {header}',
  },
  'import.read.noGeometryColumns': {
    'zh-CN': '找不到几何列：需要 WKT 列，或经度、纬度两列（表头：{header}）',
    en: 'no geometry: the table needs a WKT column or longitude and latitude columns (header: {header})',
  },
  'import.read.lineProblem': { 'zh-CN': '第 {line} 行：{problem}', en: 'line {line}: {problem}' },
  'import.read.coordinatesNotNumbers': {
    'zh-CN': '第 {line} 行坐标不是数字',
    en: 'line {line}: the coordinates are not numbers',
  },
  'import.optionNotJson': { 'zh-CN': '{what} 不是 JSON', en: '{what} is not JSON' },
  'import.step.read': { 'zh-CN': '读取', en: 'reading' },
  'import.step.crs': { 'zh-CN': '坐标系', en: 'coordinate system' },
  'import.step.convert': { 'zh-CN': '转换', en: 'converting' },
  'import.step.repair': { 'zh-CN': '修复', en: 'repairing' },
  'import.step.parents': { 'zh-CN': '上级', en: 'parents' },
  'import.step.codes': { 'zh-CN': '编码', en: 'codes' },
  'import.step.voronoi': { 'zh-CN': '泰森多边形', en: 'Voronoi cells' },
  'import.step.checks': { 'zh-CN': '拓扑检查', en: 'topology checks' },
  'import.step.store': { 'zh-CN': '保存报告', en: 'storing the report' },
  'import.field.monthFormat': { 'zh-CN': '月份格式为 YYYY-MM', en: 'month must be YYYY-MM' },
} as const satisfies Catalogue;
