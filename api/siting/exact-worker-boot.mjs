// Worker thread boot under tsx (development and tests): workers do not inherit the server's loader, so register
// it here, then load the TypeScript worker. The compiled server (dist/server) starts exact-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./exact-worker.ts');
