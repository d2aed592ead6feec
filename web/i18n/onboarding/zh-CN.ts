// Simplified Chinese for the onboarding checklist on the import desk (merged into ../zh-CN.ts).
export default {
  onboarding: {
    title: '建区步骤',
    next: '下一步',
    done: '已导入 {count}',
    empty: '未导入',
    optional: '可选',
    synthetic: '合成数据',
    steps: {
      district: '区界',
      street: '街道',
      community: '社区（边界或居委会点位）',
      buildings: '楼栋（轮廓或点位、层数、户数）',
      grid: '网格（导入或按楼栋与道路划分）',
      special: '专属网格',
      police: '警格',
      roads: '道路与步行路网',
      water: '水系',
      resources: '设施与服务资源',
      workers: '网格员名册',
      departments: '部门',
      responsibilities: '责任清单（各类事项的主办与协办部门）',
      residents: '居民（按楼栋编号或地址匹配）',
    },
  },
};
