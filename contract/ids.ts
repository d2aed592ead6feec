// Integers as the database holds them. Serial ids and area ids are int4: a larger number can name no row,
// and the contract refuses it (400) before it reaches SQL, where it would fail as out of range. Sequence
// numbers, audit entries and residents are int8 and stay bounded by the JSON-safe range that `.int()` keeps.
import { z } from 'zod';

export const INT4_MAX = 2_147_483_647;
const tooBig = 'common.field.outOfRange'; // a message code (contract/messages), its {maximum} from the issue

/** An int4 id in a JSON body. */
export const DbId = z.number().int().positive().max(INT4_MAX, tooBig);
/** An int4 id in a path or query string. */
export const DbIdText = z.coerce.number().int().positive().max(INT4_MAX, tooBig);
