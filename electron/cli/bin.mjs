#!/usr/bin/env node
// The `halldesk` command. Registers the TypeScript loader (tsx) so the CLI runs the same sources the
// app and the tests run, then hands over to main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
