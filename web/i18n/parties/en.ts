// English for the parties panel. Same keys as zh-CN.ts beside it (the type check keeps them in step).
import type partiesZhCN from './zh-CN';

const parties: typeof partiesZhCN = {
  parties: {
    title: 'Five levels · open by party',
    open: 'Open',
    overdue: 'Overdue',
    resolved: 'Resolved, 30 days',
    onTime: 'On time',
    returned: 'Returned',
    handedUp: 'Handed up',
    none: 'No open orders',
    kind: {
      grid: 'Grid',
      community: 'Community',
      street: 'Street',
      centre: 'District centre',
      department: 'Department',
    },
  },
};
export default parties;
