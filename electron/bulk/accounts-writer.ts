/**
 * Opens many accounts at once, writing exactly the rows accounts.open writes for each: the customer,
 * the premises (found or created), the account, its meters, an account_events 'open' row and an
 * audit record. Customer and account numbers continue the service's series (C00000001 / H00000001,
 * from the highest number in use: nextNumber semantics). The caller has validated the input
 * (contract schema, unused meter and card numbers, free premises, tariff of the meter's utility).
 * Foreign keys are written as unique keys (customer_no, account_no, the premises address) that the
 * session turns into ids (BulkWriter.remember), so nothing waits for generated ids.
 */
import { nextNumber } from '../db/repositories/customers-repository';
import type { ContractInput } from '../../shared/contract/methods';
import { maxId } from './bulk-writer';
import type { BulkWriter, ColumnSpec } from './bulk-writer';
import { addressKey, existingAddresses, roomKey } from './lookups';

export type OpenAccountInput = ContractInput<'accounts.open'>;

export interface AccountToOpen {
  readonly input: OpenAccountInput;
  /** When the account is opened (ISO UTC): created_at, opened_at, installed_at and the audit time. */
  readonly at: string;
}

export interface OpenedNumbers {
  readonly customerNo: string;
  readonly accountNo: string;
}

export interface OpenContext {
  /** Who opens the accounts (account_events.user_id and the audit user). */
  readonly userId: number;
  /** Recorded in each audit record, e.g. "import:customers.csv" or "demo-seed". */
  readonly source: string;
}

const byCustomerNo = { column: 'customer_id', ref: 'customers' } as const;
const byAddress = { column: 'premises_id', ref: 'premises' } as const;
const byAccountNo = { column: 'account_id', ref: 'accounts' } as const;
const auditEntity = { column: 'entity_id', ref: 'accounts', text: true } as const;
const ADDRESS_COLUMNS = ['area', 'building', 'unit', 'room'];

const CUSTOMER_COLUMNS: ColumnSpec[] = ['customer_no', 'name', 'phone', 'id_number', 'category', 'created_at'];
const ACCOUNT_COLUMNS: ColumnSpec[] = ['account_no', byCustomerNo, byAddress, 'category', 'status', 'opened_at', 'closed_at'];
const METER_COLUMNS: ColumnSpec[] = ['meter_no', byAccountNo, 'utility', 'model', 'serial_no', 'comm_address', 'credit_kind', 'credit_via',
  'unit_step', 'credit_cap', 'tariff_id', 'card_no', 'status', 'installed_at', 'removed_at', 'remaining', 'overdraft', 'credit_fen'];
const EVENT_COLUMNS: ColumnSpec[] = [byAccountNo, 'kind', 'receipt_no', 'detail', 'user_id', 'created_at'];
const AUDIT_COLUMNS: ColumnSpec[] = ['at', 'user_id', 'action', 'entity', auditEntity, 'before_json', 'after_json'];

/**
 * The audit "after" of an account opened in bulk: what was created, identified by its numbers. The
 * view a counter opening records adds only derived fields (tier, zero balances, no sales yet).
 */
function openedRecord(a: AccountToOpen, numbers: OpenedNumbers, source: string) {
  return { accountNo: numbers.accountNo, category: a.input.category, source, customer: { customerNo: numbers.customerNo, ...a.input.customer },
    premises: { ...a.input.premises, roomKey: roomKey(a.input.premises) }, meters: a.input.meters };
}

/** Opens accounts chunk after chunk within one session, continuing the number series. */
export class BulkAccountOpener {
  private readonly premises = new Set<string>();

  private constructor(
    private readonly writer: BulkWriter, private readonly ctx: OpenContext,
    private customerNo: number, private accountNo: number, private readonly before: { customers: number; accounts: number },
  ) {}

  static async start(writer: BulkWriter, ctx: OpenContext): Promise<BulkAccountOpener> {
    const first = async (table: 'customers' | 'accounts', prefix: string) => Number((await nextNumber(writer.session.read, table, prefix)).slice(prefix.length));
    const before = { customers: await maxId(writer.session, 'customers'), accounts: await maxId(writer.session, 'accounts') };
    // Every premises id is known to the session, so an account may open at a premises that exists already.
    await writer.remember('premises', 'premises', ADDRESS_COLUMNS);
    return new BulkAccountOpener(writer, ctx, await first('customers', 'C'), await first('accounts', 'H'), before);
  }

  /** Opens every account in order; returns the numbers given, in the same order. */
  async open(accounts: readonly AccountToOpen[]): Promise<OpenedNumbers[]> {
    const numbers = accounts.map((): OpenedNumbers => ({
      customerNo: `C${String(this.customerNo++).padStart(8, '0')}`, accountNo: `H${String(this.accountNo++).padStart(8, '0')}`,
    }));
    const { writer } = this;
    await writer.insert('customers', CUSTOMER_COLUMNS, accounts.map(({ input: { customer: c }, at }, i) => [
      numbers[i]!.customerNo, c.name, c.phone ?? null, c.idNumber ?? null, c.category, at]));
    // Each chunk refers only to its own customers and accounts: the maps hold just the latest rows.
    await writer.remember('customers', 'customers', ['customer_no'], { after: this.before.customers, replace: true });
    await this.ensurePremises(accounts);
    await writer.insert('accounts', ACCOUNT_COLUMNS, accounts.map(({ input: { premises: p, category }, at }, i) => [
      numbers[i]!.accountNo, numbers[i]!.customerNo, addressKey(p), category, 'open', at, null]));
    await writer.remember('accounts', 'accounts', ['account_no'], { after: this.before.accounts, replace: true });
    await writer.insert('meters', METER_COLUMNS, accounts.flatMap(({ input, at }, i) => input.meters.map((m) => [
      m.meterNo, numbers[i]!.accountNo, m.utility, m.model, m.serialNo, m.commAddress, m.creditKind, m.creditVia,
      m.unitStep, m.creditCap, m.tariffId, m.cardNo, 'active', at, null, 0, 0, 0])));
    await writer.insert('account_events', EVENT_COLUMNS, accounts.map((a, i) => [
      numbers[i]!.accountNo, 'open', null, JSON.stringify({ meters: a.input.meters.map((m) => m.meterNo) }), this.ctx.userId, a.at]));
    await writer.insert('audit_log', AUDIT_COLUMNS, accounts.map((a, i) => [
      a.at, this.ctx.userId, 'account.open', 'account', numbers[i]!.accountNo, null, JSON.stringify(openedRecord(a, numbers[i]!, this.ctx.source))]));
    return numbers;
  }

  /** Creates the premises rows that neither exist nor were created earlier in this session. */
  private async ensurePremises(accounts: readonly AccountToOpen[]): Promise<void> {
    const addresses = accounts.map((a) => a.input.premises);
    const existing = await existingAddresses(this.writer.session.read, addresses.filter((p) => !this.premises.has(addressKey(p))));
    const fresh = new Map<string, OpenAccountInput['premises']>();
    for (const p of addresses) {
      const key = addressKey(p);
      if (!this.premises.has(key) && !existing.has(key)) fresh.set(key, p);
      this.premises.add(key);
    }
    if (fresh.size === 0) return;
    await this.writer.insert('premises', ['area', 'building', 'unit', 'room', 'room_key'],
      [...fresh.values()].map((p) => [p.area, p.building, p.unit, p.room, roomKey(p)]));
    await this.writer.remember('premises', 'premises', ADDRESS_COLUMNS);
  }
}
