import { describe, expect, it } from 'vitest';
import { fen } from '../../../shared/money';
import { cardToOpen, cardWarnings, insertionOf, readerLine } from './cardState';
import { cardInReader, cardStatus, cardView } from './fixtures';
import { meterCardActions, replacementTender, standingOf } from './meterCards';

describe('the card strip rules', () => {
  it('says what is wrong with the card in the reader', () => {
    expect(cardWarnings(cardInReader())).toEqual([]);
    expect(cardWarnings(cardInReader({ blacklisted: true, triesLeft: 2 }))).toEqual(['blacklisted', 'tries']);
    expect(cardWarnings(cardInReader({ state: 'tampered' }))).toEqual(['tampered']);
    expect(cardWarnings(cardInReader({ state: 'foreign', triesLeft: null }))).toEqual(['foreign']);
  });

  it('treats an empty reader as ready, a missing reader as a problem', () => {
    expect(readerLine(null)).toEqual({ kind: 'loading' });
    expect(readerLine(cardStatus({ problem: 'card-no-card' }))).toEqual({ kind: 'ready', card: false });
    expect(readerLine(cardStatus({ card: cardInReader() }))).toEqual({ kind: 'ready', card: true });
    expect(readerLine(cardStatus({ available: false, problem: 'card-reader-not-available' }))).toEqual({ kind: 'problem', code: 'card-reader-not-available' });
    expect(readerLine(cardStatus({ problem: 'card-timeout' }))).toEqual({ kind: 'problem', code: 'card-timeout' });
  });

  it('knows an insertion by the card number, and keeps the last one through a failed read', () => {
    expect(insertionOf(cardStatus({ card: cardInReader() }))).toBe('10000001');
    expect(insertionOf(cardStatus({ card: cardInReader({ state: 'blank', cardNo: null }) }))).toBe('');
    expect(insertionOf(cardStatus({ problem: 'card-no-card' }))).toBe('');
    expect(insertionOf(cardStatus({ problem: 'card-timeout' }))).toBeNull();
  });

  it('opens the customer only for a standing user card of ours', () => {
    expect(cardToOpen(cardInReader())).toEqual({ accountId: 9, meterNo: '320100000001' });
    expect(cardToOpen(cardInReader({ blacklisted: true }))).toBeNull();
    expect(cardToOpen(cardInReader({ state: 'tampered' }))).toBeNull();
    expect(cardToOpen(cardInReader({ accountId: null }))).toBeNull();
  });
});

describe('a card meter\'s cards', () => {
  const lost = cardView(2, { blacklisted: true, events: [{ kind: 'blacklisted', reason: '遗失', at: '2026-10-09T02:00:00.000Z', userId: 2 }] });
  const cleared = cardView(3, { events: [{ kind: 'cleared', reason: '换表', at: '2026-10-09T02:00:00.000Z', userId: 3 }] });

  it('offers 发卡, 挂失 or 补卡 by the newest card', () => {
    expect(standingOf(lost)).toBe('blacklisted');
    expect(standingOf(cleared)).toBe('cleared');
    expect(meterCardActions([])).toMatchObject({ live: null, canIssue: true, canReportLoss: false, canReplace: false });
    expect(meterCardActions([cardView(1)])).toMatchObject({ canIssue: false, canReportLoss: true, canReplace: false });
    expect(meterCardActions([lost])).toMatchObject({ canIssue: false, canReportLoss: false, canReplace: true });
    expect(meterCardActions([cleared, lost])).toMatchObject({ canIssue: true, canReplace: false });
    expect(meterCardActions([cardView(4), lost]).live?.id).toBe(4);
  });

  it('parses the tendered fee in exact fen', () => {
    const fee = fen(2000);
    expect(replacementTender('', fee)).toEqual({ ok: true, tendered: 2000, change: 0 });
    expect(replacementTender('50', fee)).toEqual({ ok: true, tendered: 5000, change: 3000 });
    expect(replacementTender('20.1', fee)).toEqual({ ok: true, tendered: 2010, change: 10 });
    expect(replacementTender('０.１０', fen(10))).toEqual({ ok: true, tendered: 10, change: 0 });
    expect(replacementTender('１９。９９', fee)).toEqual({ ok: false, problem: 'short' });
    expect(replacementTender('1.234', fee)).toEqual({ ok: false, problem: 'format' });
    expect(replacementTender('abc', fee)).toEqual({ ok: false, problem: 'format' });
    expect(replacementTender('', null)).toEqual({ ok: false, problem: 'empty' });
    expect(replacementTender('30', null)).toEqual({ ok: true, tendered: 3000, change: null });
    expect(replacementTender('9999999999', null)).toEqual({ ok: false, problem: 'too-large' });
  });
});
