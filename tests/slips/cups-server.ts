/**
 * A real CUPS scheduler for the printing tests: cupsd on loopback with a scratch configuration (its own
 * port, spool, logs; never the machine's /etc/cups/cupsd.conf), and a cups-pdf queue whose output lands
 * in a scratch folder. A missing tool FAILS the test, naming the Debian package (cups,
 * printer-driver-cups-pdf, poppler-utils): a printing test that skipped would pass a printer nobody used.
 *
 * Two facts found while building this (README, "Printing"):
 *  - cups-pdf reads its settings from /etc/cups/cups-pdf-NAME.conf whatever the scheduler's ServerRoot,
 *    where NAME is the device URI's path (cups-pdf:/NAME), so the helper writes one for its own uniquely
 *    named queue and removes it afterwards.
 *  - CUPS turns a PDF into PostScript for cups-pdf; the default renderer (poppler's pdftops) loses the
 *    Unicode map of CID fonts, so Chinese text would no longer extract. The queue uses pdftocairo.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOOLS: readonly [tool: string, pkg: string][] = [
  ['/usr/sbin/cupsd', 'cups'], ['/usr/sbin/lpadmin', 'cups-client'], ['/usr/bin/lp', 'cups-client'], ['/usr/bin/lpstat', 'cups-client'],
  ['/usr/lib/cups/backend/cups-pdf', 'printer-driver-cups-pdf'], ['/usr/bin/pdftotext', 'poppler-utils'], ['/usr/bin/pdftocairo', 'poppler-utils'],
];
const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd';

export function requireCupsTools(): void {
  const missing = TOOLS.filter(([tool]) => !existsSync(tool));
  if (!existsSync(PPD)) missing.push([PPD, 'printer-driver-cups-pdf']);
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    throw new Error(`the CUPS printing tests need ${missing.map(([t]) => t).join(', ')}; install: apt-get install -y --no-install-recommends ${pkgs} (listed in .ci/test.sh APT_PACKAGES)`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ScratchCups {
  /** host:port for lp -h. */
  readonly server: string;
  readonly queue: string;
  readonly outDir: string;
  /** Waits for a PDF from cups-pdf not among `seen`; answers its path. */
  nextPdf(seen: ReadonlySet<string>, timeoutMs?: number): Promise<string>;
  listPdfs(): Set<string>;
  stop(): Promise<void>;
}

function writeConfig(root: string, port: number): void {
  for (const dir of ['etc/ppd', 'spool/tmp', 'cache', 'state', 'log']) mkdirSync(join(root, dir), { recursive: true });
  chmodSync(join(root, 'spool/tmp'), 0o1777);
  writeFileSync(join(root, 'etc/cupsd.conf'), [
    `Listen 127.0.0.1:${port}`, 'LogLevel info', 'Browsing No', 'DefaultAuthType None', 'WebInterface No',
    '<Location />', '  Order allow,deny', '  Allow from 127.0.0.1', '</Location>',
    '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', '',
  ].join('\n'));
  writeFileSync(join(root, 'etc/cups-files.conf'), [
    `ServerRoot ${root}/etc`, `RequestRoot ${root}/spool`, `TempDir ${root}/spool/tmp`, `CacheDir ${root}/cache`, `StateDir ${root}/state`,
    `ErrorLog ${root}/log/error_log`, `AccessLog ${root}/log/access_log`, `PageLog ${root}/log/page_log`, 'Sandboxing Relaxed', '',
  ].join('\n'));
}

async function waitForScheduler(server: string, child: ChildProcess, root: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`cupsd exited (${child.exitCode}); see ${root}/log/error_log`);
    if (spawnSync('/usr/bin/lpstat', ['-h', server, '-r'], { encoding: 'utf8' }).stdout.includes('is running')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`cupsd did not answer on ${server} within 10 s`);
}

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${result.stderr || result.error?.message}`);
}

/** Starts a scratch cupsd with a cups-pdf queue; stop() ends it and removes everything it made. */
export async function startScratchCups(): Promise<ScratchCups> {
  requireCupsTools();
  const root = mkdtempSync(join(tmpdir(), 'halldesk-cups-'));
  // Filters run as the unprivileged user lp: they must reach the spool (mkdtemp makes the folder 0700).
  chmodSync(root, 0o755);
  const outDir = join(root, 'out');
  mkdirSync(outDir, { mode: 0o777 });
  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  const queue = `halldesk-test-${process.pid}`;
  const queueConf = `/etc/cups/cups-pdf-${queue}.conf`;
  writeConfig(root, port);
  writeFileSync(queueConf, `Out ${outDir}\nAnonDirName ${outDir}\nLabel 1\n`);
  const child = spawn('/usr/sbin/cupsd', ['-f', '-c', join(root, 'etc/cupsd.conf'), '-s', join(root, 'etc/cups-files.conf')], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(queueConf, { force: true });
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForScheduler(server, child, root);
    run('/usr/sbin/lpadmin', ['-h', server, '-p', queue, '-E', '-v', `cups-pdf:/${queue}`, '-P', PPD, '-o', 'pdftops-renderer-default=pdftocairo']);
  } catch (error) {
    await stop();
    throw error;
  }
  const listPdfs = () => new Set(readdirSync(outDir).filter((f) => f.endsWith('.pdf')).map((f) => join(outDir, f)));
  return {
    server, queue, outDir, listPdfs, stop,
    async nextPdf(seen, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const fresh = [...listPdfs()].find((f) => !seen.has(f));
        // cups-pdf writes the file in place: wait until its size holds still.
        if (fresh) {
          const size = statSync(fresh).size;
          await new Promise((r) => setTimeout(r, 300));
          if (size > 0 && statSync(fresh).size === size) return fresh;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`cups-pdf wrote no PDF to ${outDir} within ${timeoutMs} ms (see ${root}/log/error_log)`);
    },
  };
}
