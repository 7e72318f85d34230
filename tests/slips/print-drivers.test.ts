/**
 * The thin edges of printing that cannot run here for real: the Windows spooler's command line, the shell's
 * webContents.print (a stand-in for Electron), lp's arguments; and the simulator's named faults and the
 * retry backoff.
 */
import { describe, expect, it } from 'vitest';
import { printWithShell } from '../../electron/main/shell-print';
import type { PrintableContents } from '../../electron/main/shell-print';
import { lpArgs } from '../../electron/printing/cups-driver';
import { parseHostPort } from '../../electron/printing/escpos-drivers';
import { createSimulatedPrinter } from '../../electron/printing/simulator';
import { windowsPrintArgs } from '../../electron/printing/windows-driver';
import { backoffAfter, BACKOFF_MS } from '../../electron/services/print-queue';

const pdf = { title: '预付费购电收费凭证 A01-2026-000123', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.3') } as const;

describe('command lines', () => {
  it('lp: queue, title, the scheduler when given, raw for ESC/POS only', () => {
    expect(lpArgs({ queue: 'slips' }, pdf)).toEqual(['-d', 'slips', '-t', pdf.title]);
    expect(lpArgs({ queue: 'thermal', server: '127.0.0.1:631' }, { ...pdf, contentType: 'application/vnd.escpos' }))
      .toEqual(['-h', '127.0.0.1:631', '-d', 'thermal', '-t', pdf.title, '-o', 'raw']);
  });

  it('Windows: PrintTo through PowerShell, quotes in names doubled', () => {
    const args = windowsPrintArgs('C:\\Temp\\slip.pdf', "EPSON LQ-630K (O'Neil)");
    expect(args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    expect(args[3]).toBe("Start-Process -FilePath 'C:\\Temp\\slip.pdf' -Verb PrintTo -ArgumentList '\"EPSON LQ-630K (O''Neil)\"' -WindowStyle Hidden -Wait");
  });

  it('TCP targets: host:port, host alone means 9100', () => {
    expect(parseHostPort('192.168.1.50')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parseHostPort('printer.local:9101')).toEqual({ host: 'printer.local', port: 9101 });
    expect(() => parseHostPort('')).toThrow();
  });
});

describe('the shell prints silently or with the dialog', () => {
  const fake = (success: boolean, reason = ''): PrintableContents & { calls: unknown[] } => {
    const calls: unknown[] = [];
    return { calls, print: (options, callback) => { calls.push(options); callback(success, reason); } };
  };

  it('silently to the configured printer', async () => {
    const contents = fake(true);
    expect(await printWithShell(contents, { silent: true, deviceName: 'EPSON-LQ630K' })).toEqual({ ok: true });
    expect(contents.calls).toEqual([{ silent: true, printBackground: true, deviceName: 'EPSON-LQ630K' }]);
  });

  it('with the dialog, and a cancel is reported as such', async () => {
    const contents = fake(false, 'cancelled');
    expect(await printWithShell(contents, { silent: false, deviceName: null })).toEqual({ ok: false, reason: 'cancelled' });
    expect(contents.calls).toEqual([{ silent: false, printBackground: true }]);
  });
});

describe('the simulator and the backoff', () => {
  it('named faults: offline, paper-out, jam-once (then prints), slow (times out)', async () => {
    await expect(createSimulatedPrinter('offline').send(pdf)).rejects.toMatchObject({ code: 'offline' });
    await expect(createSimulatedPrinter('paper-out').send(pdf)).rejects.toMatchObject({ code: 'paper-out' });
    const jam = createSimulatedPrinter('jam-once');
    await expect(jam.send(pdf)).rejects.toMatchObject({ code: 'jam' });
    await expect(jam.send(pdf)).resolves.toEqual({ reference: 'sim-1' });
    await expect(createSimulatedPrinter('slow', 20).send(pdf)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('backs off 15 s, 1 min, 5 min, 15 min, then hourly', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffAfter(n))).toEqual([...BACKOFF_MS, 60 * 60_000]);
  });
});
