/**
 * `halldesk sim card`: the virtual SLE4442-on-ACR38 card for vpcd (hardware/cards/vpcd), for demos and
 * support: with pcscd and Debian's vsmartcard-vpcd installed, the card appears in the reader "Virtual PCD 00 00"
 * (port 35963, /etc/reader.conf.d/vpcd) or in any reader configured with `DEVICENAME /dev/null:PORT`, and the
 * app reads and writes it through its real PC/SC driver. Connects to loopback only. Until Ctrl-C; stdin takes
 * commands: insert, remove, fault KIND[:ARG], clear, state, save.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseCardFault } from '../../hardware/cards/sim/faults';
import { createBlankCardFile, readCardFile, writeCardFile } from '../../hardware/cards/sim/file-cards';
import { Sle4442Chip } from '../../hardware/cards/sim/sle4442-chip';
import { hex } from '../../hardware/cards/sle4442';
import { VpcdVirtualCard } from '../../hardware/cards/vpcd/virtual-card';
import { intOption, positionals, stringOption, UsageError } from '../args';
import type { Parsed } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';

const USAGE = `halldesk sim card [--port 35963] [--file CARD.card.json] [--psc HEX] [--fault KIND[:ARG]]...
  KIND: removed-mid-write:BYTES, wrong-psc, locked, readback-mismatch:ADDRESS, slow:MS, stuck
  --file keeps the card in a demo-mode card file (created blank when missing) and saves it on remove, save and exit.`;
export const CARD_CONSOLE_HELP = 'commands: insert | remove | fault KIND[:ARG] | clear | state | save';

function faults(parsed: Parsed): string[] {
  const raw: unknown = parsed.values.fault;
  const list = raw === undefined ? [] : Array.isArray(raw) ? (raw as string[]) : [String(raw)];
  for (const fault of list) {
    try {
      parseCardFault(fault);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  return list;
}

function chipOf(parsed: Parsed): Sle4442Chip {
  const file = stringOption(parsed, 'file');
  const pscText = stringOption(parsed, 'psc');
  if (pscText !== undefined && !/^[0-9a-fA-F]{6}$/.test(pscText)) throw new UsageError('--psc must be 3 bytes of hex, e.g. FFFFFF');
  const psc = pscText === undefined ? undefined : Uint8Array.from(Buffer.from(pscText, 'hex'));
  if (file === undefined) return new Sle4442Chip(psc ? { psc } : {});
  if (!existsSync(file)) createBlankCardFile(file, psc);
  const { state } = readCardFile(file);
  return new Sle4442Chip(state);
}

/** One console line → the answer to print. */
export function runCardConsoleCommand(card: VpcdVirtualCard, line: string, save: () => void): string {
  const [command, argument] = line.trim().split(/\s+/);
  switch (command) {
    case undefined: case '': return '';
    case 'insert': card.insert(); return 'inserted';
    case 'remove': card.remove(); save(); return 'removed';
    case 'fault': card.applyFault(parseCardFault(argument ?? '')); return `fault ${argument ?? ''}`;
    case 'clear': card.clearFaults(); return 'faults cleared';
    case 'save': save(); return 'saved';
    case 'state': return JSON.stringify({ connected: card.connected, errorCounter: card.chip.errorCounter, line: card.line, memory: hex(card.chip.memory) });
    default: return `unknown command "${command}"; ${CARD_CONSOLE_HELP}`;
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

const cardCommand = defineCommand({
  summary: 'run a virtual SLE4442 card in a vpcd reader (pcscd + vsmartcard-vpcd), until Ctrl-C',
  usage: USAGE,
  options: { port: { type: 'string' }, file: { type: 'string' }, psc: { type: 'string' }, fault: { type: 'string', multiple: true } },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    const port = intOption(parsed, 'port', 35963);
    if (port < 1 || port > 65_535) throw new UsageError('--port must be 1..65535');
    const card = new VpcdVirtualCard({ port, chip: chipOf(parsed) });
    for (const fault of faults(parsed)) card.applyFault(parseCardFault(fault));
    const file = stringOption(parsed, 'file');
    const save = (): void => { if (file) writeCardFile(file, card.chip.state()); };
    card.on('connected', () => console.log('card: in the reader (vpcd connected)'));
    card.on('disconnected', () => console.log('card: out of the reader'));
    card.on('removed-mid-write', () => console.log('card: pulled out mid-write (fault)'));
    card.insert();
    console.log(`virtual SLE4442 card for vpcd on 127.0.0.1:${port}\n${CARD_CONSOLE_HELP}\nCtrl-C to stop`);
    const input = createInterface({ input: process.stdin, terminal: false });
    input.on('line', (line) => {
      try {
        const answer = runCardConsoleCommand(card, line, save);
        if (answer) console.log(answer);
      } catch (error) {
        console.log(`error: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    await waitForSignal();
    input.close();
    card.close();
    save();
    return 0;
  },
});

export const cardSimCommands: Record<string, Command> = { 'sim card': cardCommand };
