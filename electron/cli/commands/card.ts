/**
 * `halldesk card readers|read`: card diagnostics for support staff (issue 6 item 8). `card read` prints the
 * card in the reader decoded by its layout profile with the MAC checked, or its 256 bytes as hex (--raw).
 * The MAC key comes from --mac-key HEX, HALLDESK_CARD_MAC_KEY, or the hall's database in --data DIR (reads
 * need no PSC). A failure is one line naming the cause (no-reader, no-card, unknown-layout, bad-mac, …) and
 * exit code 1; a bad argument exits 2. `--cards DIR --card FILE` reads a demo-mode card file instead of PC/SC.
 */
import { fen, formatUnits, formatYuan, units } from '../../../shared/money';
import { CardError, withCardSession } from '../../hardware/cards/card-port';
import type { CardReaderPort } from '../../hardware/cards/card-port';
import { CardLayoutError, decodeCard } from '../../hardware/cards/layout/codec';
import type { DecodedCard } from '../../hardware/cards/layout/codec';
import { KeyStoreError, macKeyFromEnvironment, secretFromHex } from '../../hardware/cards/key-store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../../db/open-sqlite';
import { getSetting } from '../../db/repositories/settings-repository';
import { DATABASE_FILE } from '../../main/composition';
import { CARD_SECRETS_SETTING } from '../../services/cards/card-keys';
import { PcscCardPort } from '../../hardware/cards/pcsc/pcsc-port';
import { FileCardReaders } from '../../hardware/cards/sim/file-cards';
import { hex, SLE4442_SIZE } from '../../hardware/cards/sle4442';
import { intOption, stringOption, UsageError } from '../args';
import type { Parsed } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';

const DEMO_READER = 'Demo card reader';

/** The PC/SC port, or the demo-mode file reader with `--card` inserted. */
function portOf(parsed: Parsed): CardReaderPort {
  const folder = stringOption(parsed, 'cards');
  const file = stringOption(parsed, 'card');
  if ((folder === undefined) !== (file === undefined)) throw new UsageError('--cards DIR and --card FILE go together (demo-mode card files)');
  if (folder === undefined) return new PcscCardPort({ nameFilter: stringOption(parsed, 'filter') });
  const readers = new FileCardReaders(folder, { readers: [DEMO_READER] });
  readers.insertFile(DEMO_READER, file!);
  return readers;
}

/** Runs `work`; card, layout and key failures become one line on stderr and exit code 1. */
async function reporting(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CardError || error instanceof CardLayoutError) {
      console.error(`card: ${error.code}: ${error.message}`);
      return 1;
    }
    if (error instanceof KeyStoreError) throw new UsageError(error.message);
    throw error;
  }
}

const readersCommand = defineCommand({
  summary: 'list the PC/SC card readers',
  usage: 'halldesk card readers [--filter TEXT]',
  options: { filter: { type: 'string' } },
  async run(parsed) {
    return reporting(async () => {
      const port = portOf(parsed);
      try {
        const readers = await port.listReaders();
        if (readers.length === 0) throw new CardError('no-reader', 'no card reader is connected');
        for (const reader of readers) console.log(reader);
        return 0;
      } finally {
        await port.close();
      }
    });
  },
});

export function formatCard(card: DecodedCard): string {
  const money = (n: number): string => (card.purchase.measure === 'fen' ? `${formatYuan(fen(n))} yuan` : formatUnits(units(n)));
  const rows: [string, string | number][] = [
    ['layout', `${card.profileId} v${card.version}`], ['card type', card.cardType], ['hall code', card.hallCode],
    ['meter number', card.meterNumber], ['customer number', card.customerNumber], ['card number', card.cardNumber],
    ['purchase', money(card.purchase.amount)], ['purchase count', card.purchaseCount],
    ['remaining', money(card.writeBack.remaining)], ['total energy', formatUnits(units(card.writeBack.totalEnergy))],
    ['meter status', `0x${card.writeBack.meterStatus.toString(16).toUpperCase().padStart(4, '0')}`], ['count loaded', card.writeBack.countLoaded],
    ['MAC', card.macValid ? 'ok' : 'BAD'], ...Object.entries(card.extra),
  ];
  return rows.map(([name, value]) => `${name.padEnd(16)} ${String(value)}`).join('\n');
}

/** The hall's own MAC key from its data folder's database (read-only), when that database exists. */
async function hallMacKey(dataDir: string): Promise<Uint8Array | null> {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return null;
  const handle = openSqlite(file, { readonly: true });
  try {
    const stored = await getSetting(handle.db, CARD_SECRETS_SETTING);
    return stored ? secretFromHex((JSON.parse(stored) as { macKey: string }).macKey, 'the card MAC key') : null;
  } finally {
    await handle.close();
  }
}

async function output(parsed: Parsed, reader: string, atr: string, memory: Uint8Array): Promise<number> {
  const json = parsed.values.json === true;
  if (parsed.values.raw === true) {
    console.log(json ? JSON.stringify({ reader, atr, memory: hex(memory) }) : hex(memory));
    return 0;
  }
  const key = macKeyFromEnvironment(stringOption(parsed, 'mac-key')) ?? await hallMacKey(parsed.dataDir);
  if (!key) throw new UsageError('the MAC key is needed to check the card: run it on the hall\'s data folder (--data DIR), give --mac-key HEX or set HALLDESK_CARD_MAC_KEY (or use --raw)');
  const card = decodeCard(memory, key);
  console.log(json ? JSON.stringify({ reader, atr, card }) : formatCard(card));
  if (card.macValid) return 0;
  console.error('card: bad-mac: the MAC does not match: the card was altered, forged, half-written or written with another hall\'s key');
  return 1;
}

const readCommand = defineCommand({
  summary: 'print the card in the reader, decoded with its MAC checked (or --raw: 256 bytes hex)',
  usage: 'halldesk card read [--reader NAME] [--filter TEXT] [--json] [--raw] [--mac-key HEX] [--timeout MS] [--cards DIR --card FILE]',
  options: {
    reader: { type: 'string' }, filter: { type: 'string' }, json: { type: 'boolean' }, raw: { type: 'boolean' },
    'mac-key': { type: 'string' }, timeout: { type: 'string' }, cards: { type: 'string' }, card: { type: 'string' },
  },
  async run(parsed) {
    const exchangeMs = intOption(parsed, 'timeout', 2000);
    if (parsed.values.raw !== true) macKeyFromEnvironment(stringOption(parsed, 'mac-key'));
    return reporting(async () => {
      const port = portOf(parsed);
      try {
        const { reader, atr, memory } = await withCardSession(port, stringOption(parsed, 'reader'), async (session) => {
          await session.selectCard();
          return { reader: session.reader, atr: session.atr, memory: await session.read(0, SLE4442_SIZE) };
        }, { timeouts: { exchangeMs } });
        return output(parsed, reader, atr, memory);
      } finally {
        await port.close();
      }
    });
  },
});

export const cardCommands: Record<string, Command> = { 'card readers': readersCommand, 'card read': readCommand };
