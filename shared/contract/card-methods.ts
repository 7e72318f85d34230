/**
 * Prepaid IC cards at the counter (issue 6): the reader and the card in it, issuing a card for a meter
 * (开户发卡), writing a card sale (the sale itself is sales.sell; its card write is journaled with it and
 * delivered by cards.write), reconciling a card whose write did not finish, reporting a loss (blacklist),
 * a replacement card (补卡) with a supervisor's approval (subject { kind: 'card_replacement', meterId }) and
 * its fee, clearing a card (清卡), and reading a check card's meter data. Spread into the table in methods.ts.
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';

const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const COUNTER: readonly Role[] = ['clerk', 'supervisor'];
const SUPERVISOR: readonly Role[] = ['supervisor'];

export const cardContract = {
  /** The reader and the card in it, decoded and checked (MAC, blacklist), with its open writes. Writes nothing. */
  'cards.status': { access: STAFF, input: f.empty },
  /**
   * Writes a blank card in the reader for a card-credited meter: its user card (kind 'user', the default; the
   * meter must have no live one), or a check card (检查卡, kind 'check') that collects the meter's data when
   * inserted into it and is read back at the counter (cards.readBack) — it carries no purchase.
   */
  'cards.issue': { access: COUNTER, input: z.object({ meterId: f.id, kind: z.enum(['user', 'check']).optional() }).strict() },
  /** Delivers a journaled write (a sale's purchase, an issue, a replacement) to the card in the reader, verified by read-back. */
  'cards.write': { access: COUNTER, input: z.object({ writeId: f.id }).strict() },
  /**
   * Reads the card in the reader and settles its unfinished writes: the card holds the write → completed;
   * it does not → voided (a sale's is reversed by the system, the customer's money returned).
   */
  'cards.reconcile': { access: COUNTER, input: f.empty },
  /** Card writes not completed or voided, oldest first. */
  'cards.pending': { access: STAFF, input: f.empty },
  /** The customer reports the card lost: it is blacklisted at once (a found card is refused for ever). */
  'cards.reportLoss': { access: COUNTER, input: z.object({ meterId: f.id, reason: f.text(200) }).strict() },
  /**
   * A replacement card (补卡) for a meter whose card was reported lost: a new number, the purchase count carried,
   * the tariff's card fee paid in cash (tendered ≥ fee), approved by a supervisor. Idempotent by key.
   */
  'cards.replace': {
    access: COUNTER,
    input: z.object({ meterId: f.id, approvalId: f.id, tendered: f.nonNegativeFen, idempotencyKey: f.idempotencyKey }).strict(),
  },
  /** Clears the card in the reader (清卡) once its purchase has reached the meter or it is blacklisted. */
  'cards.clear': { access: SUPERVISOR, input: z.object({ reason: f.text(200) }).strict() },
  /**
   * The hall's card rules: unissuedCardSales lets a card meter without a HallDesk card be sold to, recording the sale
   * without a card write — for halls whose cards are still written by another vendor's program (a migration).
   */
  'cards.rules': { access: STAFF, input: f.empty },
  'cards.setRules': { access: ADMIN, input: z.object({ unissuedCardSales: z.boolean(), reason: f.text(200) }).strict() },
  /** A meter's cards, newest first, with their events and writes. */
  'cards.ofMeter': { access: STAFF, input: z.object({ meterId: f.id }).strict() },
  /** Stores the write-back data of the card in the reader (remaining, total, count loaded) as the meter's reading. */
  'cards.readBack': { access: COUNTER, input: f.empty },
  /**
   * Reverses a card sale whose purchase is on the card (approved like sales.reverse): the card must be in the
   * reader showing the meter has not loaded it; the purchase is taken off the card first (journaled), then
   * the compensating entries are written.
   */
  'cards.reverseSale': {
    access: COUNTER,
    input: z.object({ saleId: f.id, approvalId: f.id, reason: f.text(200), idempotencyKey: f.idempotencyKey }).strict(),
  },
} as const;

const cardFile = z.string().regex(/^[A-Za-z0-9_-]{1,60}\.card\.json$/);

/**
 * Browser mode and demos keep cards as files in <data>/cards (the card-file simulator): the card strip lists
 * them, "inserts" one into the simulated reader (or takes it out: null) and adds blank cards. Refused
 * (card-demo-only) on a workstation with a real reader.
 */
export const cardDemoContract = {
  'cards.demoFiles': { access: STAFF, input: f.empty },
  'cards.demoInsert': { access: COUNTER, input: z.object({ file: cardFile.nullable() }).strict() },
  'cards.demoNewBlank': { access: COUNTER, input: f.empty },
} as const;
