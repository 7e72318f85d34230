/**
 * The payment slip in two stages: SlipData (the facts, gathered by the slips service from the database)
 * and PaymentSlip (the printable text, built by buildPaymentSlip in one language). The PDF renderer only
 * places PaymentSlip's text, so everything a slip says can be tested without a PDF.
 */
import type { TierSegmentView } from '../../shared/contract/views';
import type { CreditKind, Utility } from '../../shared/vocabulary';

export const SLIP_FORMS = ['a4', 'continuous241'] as const;
export type SlipForm = (typeof SLIP_FORMS)[number];

/** Everything one payment slip shows. Money in fen, units in 0.01 kWh/m³, prices in 1/10000 yuan. */
export interface SlipData {
  /** The hall's name from settings; null prints the default name of the slip's language. */
  readonly hallName: string | null;
  readonly counterCode: string;
  readonly receiptNo: string;
  /** ISO-8601 UTC; printed in Beijing time. */
  readonly createdAt: string;
  readonly clerkName: string;
  readonly customerName: string;
  /** Printed masked (brief: phone numbers are masked on every copy). */
  readonly phone: string | null;
  readonly accountNo: string;
  readonly premises: { readonly area: string; readonly building: string; readonly unit: string; readonly room: string };
  readonly meterNo: string;
  readonly cardNo: string | null;
  readonly utility: Utility;
  readonly creditKind: CreditKind;
  readonly tariffName: string;
  readonly segments: readonly TierSegmentView[];
  readonly units: number;
  readonly payable: number;
  readonly tendered: number;
  readonly change: number;
  readonly paymentMethod: string;
  /** Money the hall holds for the meter after the sale (the remainder below one unit, or a hall-kept balance). */
  readonly creditAfter: number;
  /** Units of this utility bought by the account this business year, this sale included. */
  readonly unitsThisYear: number;
  /** The six business months ending with the sale's, oldest first: month YYYY-MM and fen paid. */
  readonly lastSixMonths: readonly { readonly month: string; readonly amount: number }[];
  /** The QR text (slip-code.ts). */
  readonly qrText: string;
}

/** One label and its value. `span` counts grid columns (default 1); `strong` prints larger. */
export interface SlipCell {
  readonly label: string;
  readonly value: string;
  readonly span?: number;
  readonly strong?: boolean;
}

/** One printed line: cells laid on a grid of `columns` equal columns. */
export interface SlipRow {
  readonly columns: number;
  readonly cells: readonly SlipCell[];
}

/** A slip ready to print: the same text on every copy but the copy's name. */
export interface PaymentSlip {
  readonly language: string;
  readonly receiptNo: string;
  readonly hallName: string;
  readonly title: string;
  /** The three copies' names, customer, stub, accounting. */
  readonly copies: readonly [string, string, string];
  /** The continuous form's copy line: all three names, as one impression lands on all three plies. */
  readonly pliesLine: string;
  readonly cutLine: string;
  /** Sections separated by rules, each a list of rows. */
  readonly sections: readonly (readonly SlipRow[])[];
  readonly notices: readonly string[];
  readonly qr: { readonly text: string; readonly caption: string };
}

/** What one drawn part needs of any slip kind (payment, recharge): everything but the copies' names. */
export type SlipBody = Pick<PaymentSlip, 'language' | 'receiptNo' | 'hallName' | 'title' | 'sections' | 'notices' | 'qr'>;
