/**
 * Crash-proof card writes (issue 6 item 4): a counter process is killed (SIGKILL) at each step of a card
 * sale — after the sale committed, while the card is being written, after the card holds the purchase but
 * before that is recorded — and the next start reconciles with the card in the reader. Whatever the moment,
 * exactly one of two things is true afterwards: the card holds the purchase and the sale stands, or the card
 * does not and the sale is reversed. Never both, never neither.
 */
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCardFile, writeCardFile, decodeCard } from '../../electron/hardware/cards';
import { createBackend } from '../../electron/main/composition';
import { DEMO_READER } from '../../electron/main/card-reader';
import { databaseKeyStore } from '../../electron/services/cards/card-keys';
import { verifyBooks } from '../../electron/db/verify';
import { buildBackend, sqlOf } from '../support/backend';
import type { CardReconcileView } from '../../shared/contract/card-views';
import type { SessionView } from '../../shared/contract/views';

const CHILD = join(__dirname, 'crash-child.mjs');
const CARD = 'blank-01.card.json';

/** A hall on its own data folder: a card meter with its card issued on the card file, clerk1's shift open. */
async function hallWithIssuedCard(): Promise<{ dataDir: string; meterId: number }> {
  const fx = await buildBackend({ cardReader: 'files', cardsRequired: true });
  await fx.ok('shifts.open', { float: 10_000 }, fx.sessions.clerk1);
  const account = await fx.openAccount([fx.newMeter('money', { commAddress: '000077770001', cardNo: null })]);
  const meterId = account.meters[0]!.id;
  fx.backend.cardFiles!.insertFile(DEMO_READER, CARD);
  await fx.ok('cards.issue', { meterId }, fx.sessions.clerk1);
  await fx.backend.close();
  return { dataDir: fx.dataDir, meterId };
}

async function restartAndReconcile(dataDir: string) {
  const backend = await createBackend({ dataDir, counterCode: 'A01', cardReader: 'files', log: () => undefined });
  try {
    backend.cardFiles!.insertFile(DEMO_READER, CARD);
    const login = await backend.dispatch('auth.login', { username: 'clerk1', password: 'clerk1234' }, { session: null });
    if (!login.ok) throw new Error(login.error.code);
    const settled = await backend.dispatch('cards.reconcile', {}, { session: (login.value as SessionView).session });
    if (!settled.ok) throw new Error(settled.error.code);
    const macKey = (await databaseKeyStore(backend.database.db).secretsFor('')).macKey;
    const card = decodeCard(readCardFile(join(dataDir, 'cards', CARD)).state.memory, macKey);
    const sql = sqlOf(backend);
    const count = async (text: string) => Number((await sql.one<{ n: number }>(text)).n);
    return {
      settled: settled.value as CardReconcileView, card,
      sales: await count('select count(*) as n from sales'),
      reversals: await count("select count(*) as n from sale_reversals where cause = 'card_void'"),
      open: await count(`select count(*) as n from card_writes w where (select state from card_write_events e where e.write_id = w.id order by e.id desc limit 1)
        not in ('completed', 'voided')`),
      failing: (await verifyBooks(backend.database.db)).filter((c) => !c.ok).map((c) => c.name),
    };
  } finally {
    await backend.close();
  }
}

function crash(dataDir: string, step: string, meterId: number): void {
  const child = spawnSync(process.execPath, [CHILD, dataDir, step, CARD, String(meterId)], { encoding: 'utf8', timeout: 60_000 });
  expect(child.signal, child.stderr).toBe('SIGKILL');
}

describe('a counter killed during a card sale, then restarted with the card in the reader', () => {
  it('killed after the sale committed: the card never got it, so the sale is reversed', async () => {
    const { dataDir, meterId } = await hallWithIssuedCard();
    crash(dataDir, 'pending', meterId);
    const after = await restartAndReconcile(dataDir);
    expect(after.card.purchaseCount).toBe(0);
    expect(after).toMatchObject({ sales: 1, reversals: 1, open: 0, failing: [] });
    expect(after.settled.voided).toHaveLength(1);
    await rm(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('killed after the card holds the purchase but before that was recorded: the sale stands, completed', async () => {
    const { dataDir, meterId } = await hallWithIssuedCard();
    crash(dataDir, 'after-write', meterId);
    const after = await restartAndReconcile(dataDir);
    expect(after.card).toMatchObject({ purchaseCount: 1, macValid: true });
    expect(after).toMatchObject({ sales: 1, reversals: 0, open: 0, failing: [] });
    expect(after.settled.completed).toHaveLength(1);
    await rm(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('killed while the card was being written: whatever reached the card, exactly one of card or refund holds', async () => {
    const { dataDir, meterId } = await hallWithIssuedCard();
    const path = join(dataDir, 'cards', CARD);
    writeCardFile(path, readCardFile(path).state, ['slow:40']);
    crash(dataDir, 'mid-write', meterId);
    writeCardFile(path, readCardFile(path).state, []);
    const after = await restartAndReconcile(dataDir);
    const onCard = after.card.purchaseCount === 1 && after.card.macValid;
    expect(after.reversals).toBe(onCard ? 0 : 1);
    expect(after).toMatchObject({ sales: 1, open: 0, failing: [] });
    await rm(dataDir, { recursive: true, force: true });
  }, 90_000);
});
