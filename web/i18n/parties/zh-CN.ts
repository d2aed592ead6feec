// 五级联动 on the wall: the parties holding orders. English beside it (en.ts, same keys).
const parties = {
  parties: {
    title: '五级联动 · 各方在办',
    open: '在办',
    overdue: '超期',
    resolved: '近 30 天办结',
    onTime: '按时率',
    returned: '退回',
    handedUp: '上报',
    none: '暂无在办工单',
    kind: {
      grid: '网格',
      community: '社区',
      street: '街道',
      centre: '区指挥中心',
      department: '部门',
    },
  },
};
export default parties;
