/**
 * The child of tests/cards/card-crash.test.ts: opens the hall on its data folder with the card-file reader,
 * inserts the card file, sells to the card meter and dies (SIGKILL, no clean-up) at the step it is told:
 *   pending     — right after the sale committed, before the card is touched;
 *   mid-write   — while the (slowed) card is being written;
 *   after-write — after the card holds the purchase, before 'completed' is recorded (a temporary trigger on
 *                 this connection refuses that row, standing in for the process dying at that instant).
 * It prints nothing on purpose: the parent reads the outcome from the database and the card file.
 */
import { createBackend } from '../../electron/main/composition';
import { requireSqlite } from '../../electron/db/database-handle';
import { DEMO_READER } from '../../electron/main/card-reader';
import type { SaleView, SessionView } from '../../shared/contract/views';

const [dataDir, step, cardFile, meterIdText] = process.argv.slice(2) as [string, string, string, string];
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

const backend = await createBackend({ dataDir, counterCode: 'A01', cardReader: 'files', log: () => undefined });
backend.cardFiles!.insertFile(DEMO_READER, cardFile);
const login = await backend.dispatch('auth.login', { username: 'clerk1', password: 'clerk1234' }, { session: null });
if (!login.ok) throw new Error(login.error.code);
const session = (login.value as SessionView).session;
const sale = await backend.dispatch('sales.sell', {
  meterId: Number(meterIdText), request: { mode: 'money', amount: 3_000 }, tendered: 3_000, idempotencyKey: `crash-${step}-sale`,
}, { session });
if (!sale.ok) throw new Error(sale.error.code);
if (step === 'pending') die();
if (step === 'after-write') {
  requireSqlite(backend.database, 'the crash trigger').raw.exec(`CREATE TEMP TRIGGER crash_before_completed BEFORE INSERT ON card_write_events
    WHEN NEW.state = 'completed' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
}
if (step === 'mid-write') setTimeout(die, 150);
await backend.dispatch('cards.write', { writeId: (sale.value as SaleView).cardWrite!.writeId }, { session });
die();
