/**
 * A GSM modem simulator answering the AT dialogue on a serial port (a socat PTY end, see
 * electron/hardware/meters/sim/pty.ts): AT, ATE0, AT+CMGF, AT+CNMI, AT+CMGS=<n> with the "> " prompt and the
 * PDU up to Ctrl-Z, then +CMGS: <mr> and, with CNMI set, a +CDS status report. Faults for tests: the next
 * send answers +CMS ERROR: n, or the modem hangs (answers nothing).
 */
import { SerialPort } from 'serialport';

export interface ModemSimState {
  /** PDUs received (hex), in order. */
  readonly pdus: string[];
  /** Answer the next AT+CMGS PDU with +CMS ERROR: n. */
  failNext: number | null;
  /** Answer nothing at all. */
  hung: boolean;
}

function statusReport(mr: number): string {
  // SMSC "00"; first octet 06 (SMS-STATUS-REPORT); MR; RA +8613800000000; SCTS and DT; ST 00 (delivered).
  const ts = '62112740000000';
  return `0006${mr.toString(16).padStart(2, '0').toUpperCase()}0D91683108000000F0${ts}${ts}00`;
}

export function modemSimulator(write: (data: string) => void) {
  const state: ModemSimState = { pdus: [], failNext: null, hung: false };
  let buffer = '';
  let inPdu = false;
  let cnmi = false;
  let mr = 0;

  function command(line: string): void {
    if (/^AT\+CMGS=\d+$/i.test(line)) { inPdu = true; write('\r\n> '); return; }
    if (/^AT\+CNMI=/i.test(line)) cnmi = true;
    if (/^AT(E0|\+CMGF=0|\+CNMI=.*)?$/i.test(line)) { write('\r\nOK\r\n'); return; }
    write('\r\nERROR\r\n');
  }

  function pdu(hex: string): void {
    state.pdus.push(hex);
    if (state.failNext !== null) { write(`\r\n+CMS ERROR: ${state.failNext}\r\n`); state.failNext = null; return; }
    mr = (mr + 1) % 256;
    write(`\r\n+CMGS: ${mr}\r\n\r\nOK\r\n`);
    const report = statusReport(mr);
    if (cnmi) setTimeout(() => write(`\r\n+CDS: ${report.length / 2 - 1}\r\n${report}\r\n`), 10);
  }

  return {
    state,
    receive(data: string): void {
      if (state.hung) return;
      buffer += data;
      for (;;) {
        if (inPdu) {
          const end = buffer.indexOf('\x1a');
          if (end < 0) return;
          const hex = buffer.slice(0, end).trim();
          buffer = buffer.slice(end + 1);
          inPdu = false;
          pdu(hex);
          continue;
        }
        const end = buffer.indexOf('\r');
        if (end < 0) return;
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        if (line) command(line);
      }
    },
  };
}

/** Serves the simulator on a serial path (the simulator's end of a socat pair) until closed. */
export async function serveModemSim(path: string): Promise<{ state: ModemSimState; close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  const sim = modemSimulator((data) => { if (port.isOpen) port.write(data); });
  port.on('data', (data: Buffer) => sim.receive(data.toString('latin1')));
  port.on('error', () => undefined);
  return { state: sim.state, close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())) };
}
