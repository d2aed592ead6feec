// An import report as built and stored: its notices are messages, spoken in the reader's language when sent
// (reports stored before messages had codes keep their text, shown as it was written).
import type { ImportProblem, ImportReport, RegridProposal } from '../../contract/imports.js';
import type { Message } from '../../contract/messages/index.js';

type Note = Message | string;
type Unspoken<T, F extends keyof T> = Omit<T, F | 'messageKey' | 'params'> & { [K in F]: Note };

export type StoredProblem = Unspoken<ImportProblem, 'message'>;
export type StoredAdjustment = Unspoken<RegridProposal['adjustments'][number], 'summary'>;
export type StoredProposal = Omit<RegridProposal, 'adjustments'> & { adjustments: StoredAdjustment[] };
export type StoredReport = Omit<ImportReport, 'problems' | 'crs' | 'proposal'> & {
  problems: StoredProblem[];
  crs: Unspoken<ImportReport['crs'], 'reason'>;
  proposal?: StoredProposal;
};
