// Worker thread boot: workers do not inherit the tsx loader of the server, so register it here, then load
// the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./exact-worker.ts');
