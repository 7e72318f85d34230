/**
 * The GSM modem driver: AT commands on a serial port (serialport). Set up once — echo off (ATE0), PDU mode
 * (AT+CMGF=0), delivery reports as +CDS (AT+CNMI=2,1,0,1,0, 27.005 §3.4.1) — then each part is
 * AT+CMGS=<TPDU length>, the "> " prompt, the PDU in hex and Ctrl-Z; the modem answers +CMGS: <mr> and OK, or
 * +CMS ERROR: n (mapped to SmsErrorCode). One message at a time: the modem takes one command at a time.
 */
import { SerialPort } from 'serialport';
import { AtChannel } from './at-channel';
import { decodeStatusReport, encodeMessage } from './pdu';
import { SmsError } from './sms-port';
import type { DeliveryReport, SmsPort, SmsSent } from './sms-port';

export interface ModemOptions {
  readonly baudRate?: number;
  readonly timeoutMs?: number;
  /** Ask for delivery reports (AT+CNMI); default on. */
  readonly deliveryReports?: boolean;
}

/** The modem dialogue over any byte link (the serial port, or a test's). */
export function modemOverLink(write: (data: string) => void, options: ModemOptions = {}) {
  const at = new AtChannel(write, options.timeoutMs ?? 5000);
  const listeners: ((report: DeliveryReport) => void)[] = [];
  let ready: Promise<void> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let reference = Math.floor(Math.random() * 256);

  at.onUnsolicited((line, nextLine) => {
    if (!line.startsWith('+CDS:')) return;
    void nextLine().then((pdu) => {
      const report = decodeStatusReport(pdu);
      for (const listener of listeners) listener({ reference: String(report.reference), delivered: report.delivered, status: report.status });
    });
  });

  async function setUp(): Promise<void> {
    await at.send('AT\r');
    await at.send('ATE0\r');
    await at.send('AT+CMGF=0\r');
    if (options.deliveryReports ?? true) await at.send('AT+CNMI=2,1,0,1,0\r');
  }

  async function sendNow(phone: string, text: string): Promise<SmsSent> {
    ready ??= setUp().catch((error: unknown) => { ready = null; throw error; });
    await ready;
    reference = (reference + 1) % 256;
    const references: string[] = [];
    for (const part of encodeMessage(phone, text, reference)) {
      await at.send(`AT+CMGS=${part.tpduLength}\r`, { prompt: true });
      // Sending a part takes the network a few seconds: a longer wait than a plain command.
      const answer = await at.send(`${part.pdu}\x1a`, { timeoutMs: (options.timeoutMs ?? 5000) * 6 });
      const mr = answer.lines.map((l) => /^\+CMGS:\s*(\d+)/.exec(l)).find((m) => m !== null);
      if (!mr) throw new SmsError('sms-modem-error', 'the modem did not answer +CMGS');
      references.push(mr[1]!);
    }
    return { parts: references.length, references };
  }

  return {
    receive: (data: string) => at.receive(data),
    port: {
      driver: 'modem',
      send(phone: string, text: string): Promise<SmsSent> {
        const run = queue.then(() => sendNow(phone, text));
        queue = run.catch(() => undefined);
        return run;
      },
      onDelivery: (listener) => { listeners.push(listener); },
      close: async () => at.close(),
    } satisfies SmsPort,
  };
}

/** Opens the modem on a serial device (or PTY) path. */
export async function openModem(path: string, options: ModemOptions = {}): Promise<SmsPort> {
  const serial = new SerialPort({ path, baudRate: options.baudRate ?? 115_200, autoOpen: false });
  await new Promise<void>((resolve, reject) => serial.open((error) => (error ? reject(new SmsError('sms-port-error', error.message)) : resolve())));
  const modem = modemOverLink((data) => serial.write(data), options);
  serial.on('data', (data: Buffer) => modem.receive(data.toString('latin1')));
  serial.on('error', () => undefined);
  return {
    ...modem.port,
    close: async () => {
      await modem.port.close();
      if (serial.isOpen) await new Promise<void>((resolve) => serial.close(() => resolve()));
    },
  };
}
