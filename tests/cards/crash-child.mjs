// A counter process that dies part-way through a card sale (tests/cards/card-crash.test.ts): registers the
// TypeScript loader like the halldesk command does, then runs crash-child-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./crash-child-main.ts');
