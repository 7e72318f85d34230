// @vitest-environment jsdom
/**
 * Printing from the counter (sale/useSlip.ts + SaleResult): F9's button prints on the configured printer
 * and shows where the slip went; a failed job is retried; once printed it reprints as 补打 n; dialog mode
 * goes to the desktop shell, or opens the PDF in browser mode; no printer opens the slip as before.
 */
import '../meters/testShims';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellApi } from '../../../shared/contract/shell-print-api';
import type { SaleView } from '../../../shared/contract/views';
import { useApi } from '../api/ApiContext';
import { SaleResult } from '../sale/SaleResult';
import { useSlip } from '../sale/useSlip';
import { FAILED, job, mountWith } from './testKit';

const SALE = {
  id: 7, receiptNo: 'R20261127-0007', replayed: false, payable: 10_000, creditKind: 'energy', units: 18_000, tendered: 20_000, change: 10_000,
  meterRemainingAfter: 20_000, creditAfter: 0, delivery: null,
} as unknown as SaleView;
const PDF = 'JVBERi0xLjcK';
const DIALOG = { mode: 'dialog', receiptNo: SALE.receiptNo, form: 'a4', fileName: 'x.pdf', pdfBase64: PDF, deviceName: 'Counter-A4' } as const;

function Counter({ shell }: { shell: ShellApi | null }) {
  const slip = useSlip(useApi(), shell);
  return <SaleResult sale={SALE} meter={undefined} slip={slip} onNext={() => undefined} />;
}

const press = async () => act(async () => { fireEvent.click(screen.getByTestId('print-slip')); });
const printInputs = (calls: { method: string; input: unknown }[]) => calls.filter((c) => c.method === 'slips.print').map((c) => c.input);

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:test/1');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('on a configured printer', () => {
  it('prints, shows it printed, and reprints as 补打 1', async () => {
    let reprintNo = 0;
    const { calls } = mountWith(<Counter shell={null} />, {
      'slips.print': () => ({ ok: true, value: { mode: 'queued', job: job(20 + reprintNo, { reprintNo: reprintNo++ }) } }),
    });
    expect(screen.getByTestId('print-slip').getAttribute('data-action')).toBe('print');
    await press();
    await waitFor(() => expect(screen.getByTestId('print-status').getAttribute('data-state')).toBe('printed'));
    expect(screen.getByTestId('print-status').textContent).toBe('已打印：模拟打印机（测试用） sim1');
    expect(screen.getByTestId('print-slip').getAttribute('data-action')).toBe('reprint');
    expect(screen.getByTestId('print-slip').textContent).toContain('补打');
    await press();
    await waitFor(() => expect(screen.getByTestId('print-status').textContent).toBe('已补打（补打 1）：模拟打印机（测试用） sim1'));
    expect(printInputs(calls)).toEqual([{ kind: 'payment', saleId: 7 }, { kind: 'payment', saleId: 7, reprint: true }]);
  });

  it('shows a failed print that will be retried, and F9 then retries that job instead of printing again', async () => {
    const { calls } = mountWith(<Counter shell={null} />, {
      'slips.print': () => ({ ok: true, value: { mode: 'queued', job: FAILED } }),
      'prints.retry': () => ({ ok: true, value: { ...FAILED, state: 'printed', attempts: 3, error: null } }),
      'prints.queue': () => ({ ok: true, value: [FAILED] }),
    });
    await press();
    await waitFor(() => expect(screen.getByTestId('print-status').getAttribute('data-state')).toBe('failed'));
    expect(screen.getByTestId('print-status').textContent).toBe('打印失败（simulated printer is out of paper），将于 2026-11-27 10:05 自动重试；可在“打印”页查看队列');
    expect(screen.getByTestId('print-slip').getAttribute('data-action')).toBe('retry');
    await press();
    await waitFor(() => expect(screen.getByTestId('print-status').getAttribute('data-state')).toBe('printed'));
    expect(calls.find((c) => c.method === 'prints.retry')?.input).toEqual({ jobId: 9 });
    expect(printInputs(calls)).toHaveLength(1);
  });

  it('shows the backend refusal translated, and an already printed slip offers the reprint', async () => {
    mountWith(<Counter shell={null} />, {
      'slips.print': () => ({ ok: false, error: { code: 'print-already-printed', message: '凭证 R20261127-0007 已打印过，如需再次打印请使用“补打”。' } }),
    });
    await press();
    await waitFor(() => expect(screen.getByTestId('slip-error').textContent).toContain('已打印过'));
    expect(screen.getByTestId('print-slip').getAttribute('data-action')).toBe('reprint');
  });
});

describe('dialog mode and no printer', () => {
  it('hands a dialog-mode PDF to the desktop shell with the system dialog', async () => {
    const shell = { printPdf: vi.fn(async () => ({ ok: true as const })) };
    mountWith(<Counter shell={shell} />, { 'slips.print': () => ({ ok: true, value: { ...DIALOG, reprintNo: 0 } }) });
    await press();
    await waitFor(() => expect(screen.getByTestId('print-status').getAttribute('data-state')).toBe('shell'));
    expect(shell.printPdf).toHaveBeenCalledWith(PDF, { silent: false, deviceName: 'Counter-A4' });
    expect(screen.getByTestId('print-slip').getAttribute('data-action')).toBe('reprint');
  });

  it('says why the shell could not print (the dialog cancelled)', async () => {
    const shell = { printPdf: vi.fn(async () => ({ ok: false as const, reason: 'cancelled' })) };
    mountWith(<Counter shell={shell} />, { 'slips.print': () => ({ ok: true, value: { ...DIALOG, reprintNo: 1 } }) });
    await press();
    await waitFor(() => expect(screen.getByTestId('print-status').textContent).toBe('未能打印：cancelled'));
  });

  it('in browser mode opens the dialog-mode PDF in a new window', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue({} as Window);
    mountWith(<Counter shell={null} />, { 'slips.print': () => ({ ok: true, value: { ...DIALOG, reprintNo: 2 } }) });
    await press();
    await waitFor(() => expect(screen.getByTestId('print-status').textContent).toBe('补打 2 的 PDF 已打开，请用浏览器打印'));
    expect(open).toHaveBeenCalledWith('blob:test/1', '_blank');
  });

  it('with no printer set the recorded slip goes to the shell\'s dialog, and the next press is a reprint (never slips.payment)', async () => {
    const shell = { printPdf: vi.fn(async () => ({ ok: true as const })) };
    const { calls } = mountWith(<Counter shell={shell} />, {
      'slips.print': () => ({ ok: true, value: { ...DIALOG, reprintNo: 0, deviceName: null } }),
    });
    await press();
    await waitFor(() => expect(shell.printPdf).toHaveBeenCalledWith(PDF, { silent: false, deviceName: null }));
    expect(calls.some((c) => c.method === 'slips.payment')).toBe(false);
    expect(screen.getByTestId('slip-error').textContent).toBe('');
    await waitFor(() => expect(screen.getByTestId('print-slip').getAttribute('data-action')).toBe('reprint'));
  });
});
