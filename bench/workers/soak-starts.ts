// How the load threads of bench/soak.ts tell the wall threads when the request behind an event started:
// [kind, key, start] triples in a Float64Array on a BroadcastChannel; start is performance.timeOrigin +
// now() in the load thread, comparable across threads.
export const START_CREATED = 0; // key: the order id of an order:created
export const START_UPDATED = 1; // key: the seq of an order:updated
