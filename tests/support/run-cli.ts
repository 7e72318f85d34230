/** Test support: runs the halldesk command in-process and captures what it prints. */
import { vi } from 'vitest';
import { main } from '../../electron/cli/main';

export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => { out.push(String(line)); });
  const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => { err.push(String(line)); });
  try {
    return { code: await main([...argv]), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
