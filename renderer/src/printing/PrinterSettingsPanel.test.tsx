// @vitest-environment jsdom
import '../meters/testShims';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterSettingsView } from '../../../shared/contract/print-views';
import { PrinterSettingsPanel } from './PrinterSettingsPanel';
import { formsFor, settingsOf, withDriver } from './settingsForm';
import { mountWith } from './testKit';

afterEach(cleanup);

const NONE: PrinterSettingsView = { dialog: false, kinds: { payment: null, recharge: null, customerList: null } };
const QUEUES = [{ name: 'Counter-A4', isDefault: true }, { name: 'Stub-241', isDefault: false }];

function mount(setSettings: (input: unknown) => unknown = (input) => ({ ok: true, value: input })) {
  return mountWith(<PrinterSettingsPanel />, {
    'printers.settings': () => ({ ok: true, value: NONE }),
    'printers.list': () => ({ ok: true, value: QUEUES }),
    'printers.setSettings': (input) => setSettings(input) as never,
  }).calls;
}

/** Picks an option of the antd Select with this test id by its label. */
async function choose(testId: string, label: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
  // Earlier dropdowns stay in the DOM (hidden): the one just opened is the last.
  await act(async () => { fireEvent.click((await screen.findAllByTitle(label)).at(-1)!); });
}

describe('the form rules', () => {
  it('a raw thermal printer takes thermal80 only, a Windows printer PDF forms only, the rest all three', () => {
    expect(formsFor('escposTcp')).toEqual(['thermal80']);
    expect(formsFor('windows')).toEqual(['a4', 'continuous241']);
    expect(formsFor('cups')).toEqual(['a4', 'continuous241', 'thermal80']);
    expect(withDriver({ driver: 'cups', target: 'x', form: 'a4' }, 'escposSerial').form).toBe('thermal80');
    expect(withDriver({ driver: 'escposUsb', target: 'x', form: 'thermal80' }, 'windows').form).toBe('a4');
  });

  it('refuses a printer without a target, and a form its driver cannot print', () => {
    const base = { dialog: false, kinds: { payment: { driver: 'none', target: '', form: 'a4' }, recharge: { driver: 'none', target: '', form: 'a4' }, customerList: { driver: 'none', target: '', form: 'a4' } } } as const;
    expect(settingsOf({ ...base, kinds: { ...base.kinds, recharge: { driver: 'cups', target: ' ', form: 'a4' } } })).toEqual({ ok: false, kind: 'recharge', problem: 'missingTarget' });
    expect(settingsOf({ ...base, kinds: { ...base.kinds, payment: { driver: 'escposTcp', target: '10.0.0.9:9100', form: 'a4' } } })).toEqual({ ok: false, kind: 'payment', problem: 'formRule.escpos' });
    expect(settingsOf(base)).toEqual({ ok: true, value: NONE });
  });
});

describe('the printer settings panel', () => {
  it('offers the CUPS queues, saves a printer per kind and the dialog switch', async () => {
    const calls = mount();
    await screen.findByTestId('printer-row-payment');
    await choose('printer-driver-payment', 'CUPS 打印队列');
    const box = screen.getByTestId('printer-target-payment');
    const target = box.tagName === 'INPUT' ? box : box.querySelector('input')!;
    fireEvent.mouseDown(target);
    fireEvent.change(target, { target: { value: 'Coun' } });
    await act(async () => { fireEvent.click(await screen.findByText('Counter-A4 (默认)')); });
    fireEvent.click(within(screen.getByTestId('printer-form-payment')).getByText('241 mm 连续纸（三联）'));
    await choose('printer-driver-recharge', '热敏打印机（网络 9100）');
    // A raw thermal printer offers the thermal form only, and has it chosen already.
    expect(within(screen.getByTestId('printer-form-recharge')).getAllByRole('radio')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('printer-target-recharge'), { target: { value: '192.168.1.50:9100' } });
    fireEvent.click(screen.getByTestId('printer-dialog'));
    fireEvent.click(screen.getByTestId('printer-save'));
    await waitFor(() => expect(screen.getByTestId('printer-saved')).toBeTruthy());
    expect(calls.find((c) => c.method === 'printers.setSettings')?.input).toEqual({
      dialog: true,
      kinds: { payment: { driver: 'cups', target: 'Counter-A4', form: 'continuous241' }, recharge: { driver: 'escposTcp', target: '192.168.1.50:9100', form: 'thermal80' }, customerList: null },
    });
  });

  it('says which printer is incomplete before calling, and shows the backend refusal as it comes', async () => {
    const calls = mount(() => ({ ok: false, error: { code: 'forbidden', message: '您的角色无权执行此操作' } }));
    await screen.findByTestId('printer-row-payment');
    await choose('printer-driver-customerList', '模拟打印机（测试用）');
    fireEvent.click(screen.getByTestId('printer-save'));
    await waitFor(() => expect(screen.getByTestId('printer-error').textContent).toBe('请填写“客户清单（两联）”的打印机'));
    expect(calls.some((c) => c.method === 'printers.setSettings')).toBe(false);
    fireEvent.change(screen.getByTestId('printer-target-customerList'), { target: { value: 'sim1' } });
    fireEvent.click(screen.getByTestId('printer-save'));
    await waitFor(() => expect(screen.getByTestId('printer-error').textContent).toBe('您的角色无权执行此操作'));
    expect(screen.queryByTestId('printer-saved')).toBeNull();
  });
});
