/** What the card methods answer (shared/contract/card-methods.ts). */

export type CardKind = 'user' | 'check' | 'setting';
export type CardWriteKind = 'issue' | 'purchase' | 'replacement' | 'clear' | 'undo';
export type CardWriteState = 'pending' | 'sent' | 'completed' | 'voided' | 'failed';

/**
 * What is in the reader: blank (never written or cleared), ours (decoded, MAC good), tampered (our layout,
 * MAC wrong: forged or altered), foreign (not a layout we know), or unreadable.
 */
export type CardContentState = 'blank' | 'ours' | 'tampered' | 'foreign' | 'unreadable';

export interface CardWriteBackView {
  /** What the meter wrote back when the card was last inserted: remaining (fen or 0.01 units), total, its count. */
  readonly remaining: number;
  readonly total: number;
  readonly countLoaded: number;
  readonly status: number;
}

export interface CardInReaderView {
  readonly state: CardContentState;
  readonly cardNo: string | null;
  readonly kind: CardKind | null;
  readonly profile: string | null;
  readonly meterId: number | null;
  readonly meterNo: string | null;
  readonly accountId: number | null;
  readonly customerName: string | null;
  readonly purchaseCount: number | null;
  /** The purchase on the card: fen for money meters, 0.01 units for energy meters. */
  readonly purchaseAmount: number | null;
  readonly writeBack: CardWriteBackView | null;
  /** The meter has loaded the card's purchase (its write-back count equals the card's purchase count). */
  readonly loaded: boolean | null;
  readonly blacklisted: boolean;
  /** The card is known to the hall (a `cards` row), else null. */
  readonly issuedAt: string | null;
  /** PSC tries left (3 on a healthy card, 0 = locked). */
  readonly triesLeft: number | null;
}

export interface CardWriteView {
  readonly id: number;
  readonly cardId: number;
  readonly cardNo: string;
  readonly meterId: number | null;
  readonly saleId: number | null;
  readonly receiptNo: string | null;
  readonly kind: CardWriteKind;
  readonly purchaseCount: number;
  readonly amount: number;
  readonly state: CardWriteState;
  readonly createdAt: string;
  readonly lastEventAt: string;
  readonly lastError: string | null;
}

export interface CardStatusView {
  /** A reader driver is configured and answering. */
  readonly available: boolean;
  /** Why not (the card error code: no-reader, not-available…), else null. */
  readonly problem: string | null;
  readonly readers: readonly string[];
  readonly card: CardInReaderView | null;
  /** Unfinished writes of the card in the reader (a recovery prompt when not empty). */
  readonly openWrites: readonly CardWriteView[];
}

export interface CardView {
  readonly id: number;
  readonly cardNo: string;
  readonly kind: CardKind;
  readonly meterId: number | null;
  readonly profile: string;
  readonly issuedAt: string;
  readonly issuedBy: number;
  readonly replacesCardNo: string | null;
  readonly blacklisted: boolean;
  readonly events: readonly { readonly kind: 'blacklisted' | 'cleared'; readonly reason: string; readonly at: string; readonly userId: number | null }[];
  readonly writes: readonly CardWriteView[];
}

export interface CardReconcileView {
  readonly cardNo: string | null;
  readonly completed: readonly CardWriteView[];
  readonly voided: readonly CardWriteView[];
  /** Receipts of the sales the system reversed because their purchase never reached the card. */
  readonly reversedReceipts: readonly string[];
}

export interface CardReplacementView {
  readonly card: CardView;
  readonly oldCardNo: string;
  readonly feeReceiptNo: string;
  readonly fee: number;
  readonly change: number;
  readonly writeId: number;
  readonly replayed: boolean;
}

export interface CardReadBackView {
  readonly meterId: number;
  readonly readingId: number;
  readonly remaining: number;
  readonly total: number;
  readonly countLoaded: number;
}

export interface CardRulesView {
  readonly unissuedCardSales: boolean;
}

export interface CardDemoView {
  readonly reader: string;
  readonly files: readonly { readonly name: string; readonly inReader: boolean }[];
}
