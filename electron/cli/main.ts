/**
 * `halldesk <group> <command> [options]`. Every command takes --data DIR (default HALLDESK_DATA, then
 * the app's data folder) and --help. Exit codes: 0 done, 1 the work failed, 2 a bad argument.
 */
import { UsageError } from './args';
import { DomainError } from '../domain/errors';
import { translatorCache } from '../../shared/i18n';
import { dbCommands } from './commands/db';
import { demoCommands } from './commands/demo';
import { importCommands } from './commands/import';
import { benchCommand } from './commands/bench';
import { cardCommands } from './commands/card';
import { cardSimCommands } from './commands/card-sim';
import { collectCommands } from './commands/collect';
import { reportCommands } from './commands/report';
import { meterCommands } from './commands/meter';
import { serveCommand, startCommand } from './commands/start';
import { simCommands } from './commands/sim';
import { worklistCommands } from './commands/worklist';
import { slipCommands } from './commands/slip';
import { printCommands } from './commands/print';
import { backupsCommands } from './commands/backups';
import type { Command } from './command';

const COMMANDS: Record<string, Command> = {
  ...dbCommands,
  ...demoCommands,
  ...importCommands,
  ...meterCommands,
  ...simCommands,
  ...cardCommands,
  ...cardSimCommands,
  ...collectCommands,
  ...reportCommands,
  ...worklistCommands,
  ...slipCommands,
  ...printCommands,
  ...backupsCommands,
  bench: benchCommand,
  start: startCommand,
  serve: serveCommand,
};

function overview(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(18)} ${command.summary}`);
  return ['usage: halldesk <command> [--data DIR] [options]', '', 'commands:', ...lines, '',
    'Run "halldesk <command> --help" for the options of one command.'].join('\n');
}

const translator = translatorCache();

/** A service's refusal carries only its code; the line says it in words, as the screen would (in English). */
function describeError(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${translator('en').t(error.code, { ...error.params })}`;
  return error instanceof Error ? error.message : String(error);
}

/** Splits "db migrate --x" into the command "db migrate" and its arguments. */
function findCommand(argv: string[]): { name: string; rest: string[] } | null {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    if (COMMANDS[name]) return { name, rest: argv.slice(words) };
  }
  return null;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(overview());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`halldesk: unknown command "${argv.slice(0, 2).join(' ')}"; run "halldesk --help"`);
    return 2;
  }
  const command = COMMANDS[found.name]!;
  try {
    return await command.run(found.rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`halldesk ${found.name}: ${error.message}`);
      return 2;
    }
    console.error(`halldesk ${found.name}: ${describeError(error)}`);
    return 1;
  }
}
