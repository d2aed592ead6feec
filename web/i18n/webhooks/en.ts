// English for the inbox bell and the webhooks desk (merged into ../en.ts).
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  inbox: {
    title: 'Inbox',
    empty: 'Nothing new',
    markAll: 'Mark all read',
    unread: '{count} unread',
    reason: { handed: 'Handed to us', escalated: 'Escalated', extension: 'More time asked', assist: 'Help asked' },
    // Steps of the party model, where the order labels do not name them yet.
    step: {
      hand_up: 'Handed up',
      hand_down: 'Handed down',
      request_extension: 'More time asked',
      request_assist: 'Help asked',
      sign: 'Signed for',
      note: 'Progress note',
    },
    order: 'Order {id}',
  },
  webhooks: {
    title: 'Webhooks',
    noAccessTitle: 'No access',
    noAccessBody: '{name}, managing webhooks needs an administrator account.',
    toAccounts: 'Accounts',
    add: 'New webhook',
    name: 'Name',
    url: 'URL',
    topics: 'Topics',
    area: 'Area',
    ownScope: 'My whole scope',
    client: 'Open311 client account id',
    create: 'Create',
    created: 'Webhook “{name}” created. Its signing secret is shown this once — hand it over now:',
    copyHint: 'The receiver checks the X-Gridwall-Signature header (sha256=HMAC) with it.',
    list: 'Subscriptions',
    none: 'No webhooks yet',
    active: 'Active',
    paused: 'Paused',
    pause: 'Pause',
    resume: 'Resume',
    remove: 'Delete',
    confirmRemove: 'Delete webhook “{name}” and its delivery log?',
    pending: '{count} pending',
    failed: '{count} failed',
    deliveries: 'Deliveries',
    pick: 'Pick a webhook to see its deliveries',
    col: {
      id: 'No.',
      topic: 'Topic',
      status: 'Status',
      attempts: 'Tries',
      code: 'Code',
      next: 'Next try',
      error: 'Reason',
    },
    status: { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
    // Keyed by topic with '_' for '.', which vue-i18n reads as nesting.
    topic: {
      order_created: 'New order',
      order_updated: 'Order changed',
      order_escalated: 'Order escalated',
      alarm: 'Alarm',
      open311_status: 'Open311 status',
    },
  },
};
export default en;
