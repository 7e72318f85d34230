/**
 * Reading the card in the reader (no PSC needed to read an SLE4442): the whole 256 bytes, the PSC tries left,
 * and what the image is — one of ours (decoded, MAC checked), tampered (our header, MAC wrong), blank (no
 * layout header, counter area all 00 or FF: new or cleared) or foreign (something else).
 */
import { CardLayoutError, decodeCard, withCardSession, HALLDESK_V1, counterSpan, SLE4442_SIZE } from '../../hardware/cards';
import type { CardReaderPort, DecodedCard } from '../../hardware/cards';
import { triesLeft } from '../../hardware/cards/sle4442';
import type { CardContentState } from '../../../shared/contract/card-views';

export interface CardRead {
  readonly reader: string;
  readonly image: Uint8Array;
  readonly triesLeft: number;
  readonly state: CardContentState;
  readonly decoded: DecodedCard | null;
}

function isBlank(image: Uint8Array): boolean {
  const span = counterSpan(HALLDESK_V1);
  // The counter's span: a cleared card has zeros there, a new one the factory's FF.
  const area = image.subarray(span.address, span.address + span.length);
  return area.every((b) => b === 0x00) || area.every((b) => b === 0xff);
}

export function classify(image: Uint8Array, macKey: Uint8Array): { state: CardContentState; decoded: DecodedCard | null } {
  try {
    const decoded = decodeCard(image, macKey);
    return { state: decoded.macValid ? 'ours' : 'tampered', decoded };
  } catch (error) {
    if (!(error instanceof CardLayoutError)) throw error;
    return { state: isBlank(image) ? 'blank' : error.code === 'unknown-layout' ? 'foreign' : 'unreadable', decoded: null };
  }
}

/** Opens a session on the card in `reader` (or the first reader), reads it all and closes. */
export async function readCardInReader(port: CardReaderPort, macKey: Uint8Array, reader?: string): Promise<CardRead> {
  return withCardSession(port, reader, async (session) => {
    await session.selectCard();
    const counter = await session.readErrorCounter();
    const image = await session.read(0, SLE4442_SIZE);
    return { reader: session.reader, image, triesLeft: triesLeft(counter), ...classify(image, macKey) };
  });
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

/** The contract's code for a card-layer failure (shared/contract/errors.ts). */
export function cardRefusalCode(code: string): string {
  if (code === 'not-available') return 'card-reader-not-available';
  return code.startsWith('card-') ? code : `card-${code}`;
}
