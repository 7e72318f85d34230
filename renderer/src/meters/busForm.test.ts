import { describe, expect, it } from 'vitest';
import type { BusView } from '../../../shared/contract/meter-views';
import { EMPTY_BUS, busInputOf, endpointFits, formOfBus } from './busForm';

const filled = { ...EMPTY_BUS, code: ' gw-1 ', name: ' 1号楼网关 ', endpoint: ' 127.0.0.1:4001 ' };

describe('the bus form', () => {
  it('turns the typed form into buses.save input: trimmed, code upper-cased, empty timeout = null', () => {
    expect(busInputOf(filled)).toEqual({
      code: 'GW-1', name: '1号楼网关', kind: 'tcp-raw', endpoint: '127.0.0.1:4001',
      line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 }, replyTimeoutMs: null, retries: 1, active: true,
    });
    expect(busInputOf({ ...filled, busId: 7, replyTimeout: '300' })).toMatchObject({ busId: 7, replyTimeoutMs: 300 });
  });

  it('names the first wrong field', () => {
    expect(busInputOf({ ...filled, code: 'x' })).toEqual({ bad: 'code' });
    expect(busInputOf({ ...filled, code: '1号' })).toEqual({ bad: 'code' });
    expect(busInputOf({ ...filled, name: '  ' })).toEqual({ bad: 'name' });
    expect(busInputOf({ ...filled, endpoint: '/dev/ttyUSB0' })).toEqual({ bad: 'endpoint' });
    expect(busInputOf({ ...filled, baudRate: 300 })).toEqual({ bad: 'baudRate' });
    expect(busInputOf({ ...filled, replyTimeout: '20' })).toEqual({ bad: 'replyTimeout' });
    expect(busInputOf({ ...filled, replyTimeout: '1.5' })).toEqual({ bad: 'replyTimeout' });
  });

  it('checks the endpoint against the kind', () => {
    expect(endpointFits('serial', '/dev/ttyUSB0')).toBe(true);
    expect(endpointFits('serial', 'COM 3')).toBe(false);
    expect(endpointFits('modbus-tcp', '10.0.0.5:502')).toBe(true);
    expect(endpointFits('tcp-raw', '10.0.0.5')).toBe(false);
    expect(endpointFits('tcp-raw', 'gw.local:70000')).toBe(false);
  });

  it('loads a saved bus back into the form', () => {
    const bus: BusView = { id: 3, code: 'RS-2', name: '二号线', kind: 'serial', endpoint: '/dev/ttyS1', line: { baudRate: 2400, dataBits: 8, parity: 'even', stopBits: 1 }, replyTimeoutMs: 500, retries: 2, active: false, meters: 4 };
    const form = formOfBus(bus);
    expect(form).toMatchObject({ busId: 3, baudRate: 2400, parity: 'even', replyTimeout: '500', active: false });
    expect(busInputOf(form)).toMatchObject({ busId: 3, kind: 'serial', replyTimeoutMs: 500, line: bus.line });
  });
});
