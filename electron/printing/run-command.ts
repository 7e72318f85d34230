/** Runs a command with bytes on its standard input and answers its output; a thin wrapper over spawn. */
import { spawn } from 'node:child_process';
import { PrintFault } from './printer-port';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

export function runCommand(command: string, args: readonly string[], input: Buffer | null, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(new PrintFault(e.code === 'ENOENT' ? 'no-command' : 'spawn', `${command}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      const result = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (code === 0) resolve(result);
      else reject(new PrintFault(signal ? 'timeout' : 'refused', `${command} ${args.join(' ')}: ${result.stderr.trim() || `exit ${code ?? signal}`}`));
    });
    // A command that exits before reading (bad queue) closes stdin: that is its answer, not ours to throw.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
  });
}
