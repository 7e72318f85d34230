/**
 * What the backend answers with. Plain JSON: money in fen, units in 0.01 kWh/m³, prices in
 * 1/10000 yuan, times ISO-8601 UTC, business dates YYYY-MM-DD (Beijing).
 */
import type { CardWriteState } from './card-views';
import type { CreditKind, CreditVia, CustomerCategory, PaymentMethod, Role, Settlement, TierPeriod, Utility } from '../vocabulary';
import type { MeterWriteStateCode } from './recharge-views';

export interface UserView {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly active: boolean;
  readonly lockedUntil: string | null;
}

export interface SessionView {
  readonly session: string;
  readonly user: UserView;
  readonly counterCode: string;
}

export interface PremisesView { readonly area: string; readonly building: string; readonly unit: string; readonly room: string; readonly roomKey: string }

export interface CustomerView {
  readonly id: number;
  readonly customerNo: string;
  readonly name: string;
  readonly phone: string | null;
  readonly category: CustomerCategory;
}

export interface SearchHit {
  readonly customerId: number;
  readonly customerNo: string;
  readonly name: string;
  readonly phone: string | null;
  readonly accountId: number;
  readonly accountNo: string;
  readonly accountStatus: 'open' | 'closed';
  readonly roomKey: string;
  readonly area: string;
  /** Which field matched: meter, card, phone, name, room, customer or account number. */
  readonly matched: 'meter' | 'card' | 'phone' | 'name' | 'room' | 'customer' | 'account';
  readonly meterNo: string | null;
}

export interface TierSegmentView { readonly tier: number; readonly units: number; readonly price: number; readonly charge: number }

export interface SaleSummary {
  readonly id: number;
  readonly receiptNo: string;
  readonly createdAt: string;
  readonly payable: number;
  readonly units: number;
  readonly creditKind: CreditKind;
  readonly paymentMethod: PaymentMethod;
  /** Set when the sale was reversed (冲正): the reversal's own receipt serial. */
  readonly reversal: { readonly receiptNo: string } | null;
}

export interface MeterView {
  readonly id: number;
  readonly meterNo: string;
  readonly utility: Utility;
  readonly model: string;
  readonly serialNo: string;
  readonly commAddress: string;
  readonly creditKind: CreditKind;
  readonly creditVia: CreditVia;
  readonly unitStep: number;
  readonly creditCap: number | null;
  readonly cardNo: string | null;
  readonly status: 'active' | 'removed';
  readonly tariffId: number;
  readonly tariffName: string;
  /** Money the hall holds for this meter (fen). */
  readonly credit: number;
  readonly remaining: number;
  readonly overdraft: number;
  readonly unitsThisPeriod: number;
  readonly currentTier: number;
  readonly lastSales: readonly SaleSummary[];
  /** Units bought per month of the current year, January first (12 entries). */
  readonly monthlyUnits: readonly number[];
}

export interface AccountView {
  readonly id: number;
  readonly accountNo: string;
  readonly status: 'open' | 'closed';
  readonly category: CustomerCategory;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly customer: CustomerView;
  readonly premises: PremisesView;
  readonly meters: readonly MeterView[];
  readonly settlement: Settlement;
  /** High-voltage: whether the remote meter is the trade-settlement meter (false = billed from manual readings). */
  readonly remoteIsSettlement: boolean;
}

export interface TariffView {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly utility: Utility;
  readonly category: CustomerCategory;
  readonly period: TierPeriod;
  /** The replacement card fee (补卡费), fen. */
  readonly cardFee: number;
  readonly versions: readonly {
    readonly id: number;
    readonly effectiveFrom: string;
    readonly tiers: readonly { readonly uptoUnits: number | null; readonly price: number }[];
    /** Time-of-use prices (1/10000 yuan), or null for a tariff without them. */
    readonly tou: { readonly spike: number; readonly peak: number; readonly flat: number; readonly valley: number } | null;
  }[];
}

export interface QuoteView {
  readonly meterId: number;
  readonly creditKind: CreditKind;
  readonly payable: number;
  readonly charge: number;
  readonly units: number;
  readonly unitsAreEstimate: boolean;
  readonly segments: readonly TierSegmentView[];
  readonly tierBefore: number;
  readonly creditBefore: number;
  readonly creditAfter: number;
  readonly creditedToMeter: number;
  readonly overdraftRecovered: number;
  readonly meterRemainingAfter: number;
  readonly tariffVersionId: number;
}

export interface SaleView extends QuoteView {
  readonly id: number;
  readonly receiptNo: string;
  readonly accountId: number;
  readonly shiftId: number;
  readonly clerkId: number;
  readonly counterCode: string;
  readonly tendered: number;
  readonly change: number;
  readonly createdAt: string;
  readonly businessDate: string;
  readonly paymentMethod: PaymentMethod;
  readonly voucherId: number | null;
  readonly approvalId: number | null;
  /** The compensating reversal (冲正), if any: the sale itself is never changed. */
  readonly reversal: { readonly id: number; readonly receiptNo: string; readonly at: string } | null;
  /** A remote recharge's delivery to the meter (issue 5): its journal state; null for a sale credited by card or hall-kept. */
  readonly delivery: { readonly state: MeterWriteStateCode; readonly writeId: number } | null;
  /** A card sale's write to the customer's card (issue 6): its journal state, delivered by cards.write; null otherwise. */
  readonly cardWrite: { readonly state: CardWriteState; readonly writeId: number } | null;
  /** True when this answer is the stored result of an earlier call with the same idempotency key. */
  readonly replayed: boolean;
}

export interface ShiftView {
  readonly id: number;
  readonly clerkId: number;
  readonly counterCode: string;
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly float: number;
  readonly closedAt: string | null;
  readonly expected: number | null;
  readonly counted: number | null;
  readonly shortOver: number | null;
  readonly denominations: Readonly<Record<string, number>> | null;
}

export interface ShiftReport {
  readonly shift: ShiftView;
  readonly clerkName: string;
  readonly saleCount: number;
  readonly salesTotal: number;
  /** Closing refunds and reversals paid out of the drawer. */
  readonly refundsTotal: number;
  /** Cash dropped to a supervisor, and this shift's holiday cash banked. */
  readonly dropsTotal: number;
  readonly depositsTotal: number;
  readonly cashIn: number;
  readonly expectedCash: number;
  readonly byUtility: readonly { readonly utility: Utility; readonly count: number; readonly amount: number; readonly units: number }[];
  readonly firstReceipt: string | null;
  readonly lastReceipt: string | null;
}

export interface AuditEntryView {
  readonly id: number;
  readonly at: string;
  readonly userId: number | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AccountEventView {
  readonly id: number;
  readonly accountId: number;
  readonly kind: 'open' | 'change_owner' | 'change_meter' | 'close';
  readonly receiptNo: string | null;
  readonly detail: unknown;
  readonly createdAt: string;
}

/** A rendered slip: the PDF itself (base64, so it travels in JSON over IPC and HTTP alike). */
export interface SlipView {
  readonly saleId: number;
  readonly receiptNo: string;
  readonly form: 'a4' | 'continuous241';
  readonly fileName: string;
  readonly pdfBase64: string;
  readonly bytes: number;
}

/** What the login screen may show before anyone logs in. */
export interface LoginInfoView {
  readonly hallName: string | null;
  readonly counterCode: string;
  /** True only for a demo hall: then `demoLogins` lists its documented logins. */
  readonly demo: boolean;
  readonly demoLogins: readonly { readonly username: string; readonly password: string; readonly role: Role; readonly displayName: string }[];
}

/** One arranged day of the holiday calendar: a statutory non-working day or a make-up working day (调休). */
export interface CalendarDayView {
  readonly date: string;
  readonly kind: 'off' | 'work';
  readonly name: string;
}

/** A year of the holiday calendar; `loaded` false means only the weekend rule applies to it. */
export interface CalendarYearView {
  readonly year: number;
  readonly loaded: boolean;
  /** 'chinese-days@<version>' for the seeded data, 'admin' for an import. */
  readonly source: string | null;
  readonly loadedAt: string | null;
  readonly loadedBy: number | null;
  readonly days: readonly CalendarDayView[];
}

export interface CalendarCheckView {
  readonly date: string;
  readonly bankWorkingDay: boolean;
  readonly nextBankWorkingDay: string;
  readonly reason: 'weekday' | 'weekend' | 'holiday' | 'make-up-workday';
  readonly holidayName: string | null;
  readonly yearLoaded: boolean;
}

/** The years whose arrangement should be loaded by today (Beijing) but is not. */
export interface CalendarWarningsView {
  readonly today: string;
  readonly missingYears: readonly number[];
}
