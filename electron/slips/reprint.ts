/**
 * Reprint marking (issue 7 item 1): a reprint keeps the original serial, date and QR code (the slip is the
 * same document) and carries "COPY / 补打 n" in its title and as its first notice, so a reprint is never
 * taken for a second payment (peers.md A2: 补打发票 without consuming a new number).
 */
import type { i18n as I18n } from 'i18next';
import type { SlipBody } from './slip-types';

export function reprintText(i18n: I18n, reprintNo: number): string {
  return i18n.getFixedT(null, 'slips')('reprint.mark', { n: reprintNo });
}

/** The slip as a reprint number `reprintNo` (0 = the original: unchanged). */
export function markReprint<T extends SlipBody>(slip: T, i18n: I18n, reprintNo: number): T {
  if (reprintNo <= 0) return slip;
  const mark = reprintText(i18n, reprintNo);
  return { ...slip, title: `${slip.title}  ${mark}`, notices: [mark, ...slip.notices] };
}
