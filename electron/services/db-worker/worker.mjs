// The database worker's entry when the TypeScript sources run (CLI, browser mode, tests): a worker thread does
// not inherit the main thread's tsx loader, so it registers its own before loading the jobs (host.ts).
import { register } from 'tsx/esm/api';

register();
await import('./jobs.ts');
