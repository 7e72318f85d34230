/**
 * The customers of the demo hall: one account per premises, an electricity meter each and a water
 * meter for most households, with the credit kinds a real hall mixes (mostly energy by card, some
 * money meters, some hall-kept remote meters). Each meter also gets a yearly consumption, from which
 * the sales simulation sizes its purchases, so tiers advance through the year as they would.
 */
import type { AccountToOpen } from '../bulk/accounts-writer';
import type { CreditKind, Utility } from '../../shared/vocabulary';
import { AREAS, DOORS, FLOORS, MODELS, UNITS_PER_BUILDING } from './catalog';
import { idNumber, mobile, personName, shopName } from './people';
import type { Prng } from './prng';

export interface MeterProfile {
  readonly meterNo: string;
  readonly utility: Utility;
  readonly creditKind: CreditKind;
  readonly tariffCode: string;
  readonly unitStep: number;
  readonly creditCap: number | null;
  /** Expected consumption over a year, in 0.01 kWh / m³. */
  readonly annualUnits: number;
}

export interface PlannedAccount {
  readonly open: AccountToOpen;
  readonly meters: readonly MeterProfile[];
}

const ROOMS_PER_BUILDING = UNITS_PER_BUILDING * FLOORS * DOORS;
const REGIONS = ['110101', '110105', '110108', '310104', '310115', '440106', '330106', '510107'];
const DAY_MS = 86_400_000;

function address(index: number, areaCount: number) {
  const j = Math.floor(index / areaCount);
  const r = j % ROOMS_PER_BUILDING;
  const floor = Math.floor((r % (FLOORS * DOORS)) / DOORS) + 1;
  return {
    area: AREAS[index % areaCount]!, building: String(Math.floor(j / ROOMS_PER_BUILDING) + 1),
    unit: String(Math.floor(r / (FLOORS * DOORS)) + 1), room: `${floor}${String((r % DOORS) + 1).padStart(2, '0')}`,
  };
}

function creditKind(rng: Prng, utility: Utility): CreditKind {
  const x = rng.next();
  if (utility === 'electricity') return x < 0.75 ? 'energy' : x < 0.9 ? 'money' : 'hall';
  return x < 0.85 ? 'energy' : x < 0.95 ? 'money' : 'hall';
}

/** Meter numbers are 12 digits (also the DL/T 645 / CJ/T 188 address): a utility prefix and a serial. */
class Serials {
  private next = 1;
  take(prefix: string): string {
    return `${prefix}${String(this.next++).padStart(8, '0')}`;
  }
}

function meter(rng: Prng, serials: Serials, utility: Utility, commercial: boolean, installedYear: number) {
  const kind = creditKind(rng, utility);
  const meterNo = serials.take(utility === 'electricity' ? '3201' : '5101');
  const model = utility === 'water' ? MODELS.water : commercial ? MODELS.threePhase : MODELS.singlePhase;
  const tariffCode = utility === 'water' ? 'RES-W-Y' : commercial ? 'COM-E' : rng.chance(0.15) ? 'RES-E-M' : 'RES-E-Y';
  const cap = kind === 'hall' || commercial ? null : kind === 'money' ? 300_000 : utility === 'electricity' ? 200_000 : 15_000;
  const annualUnits = 100 * (utility === 'water' ? rng.between(60, 320) : commercial ? rng.between(6000, 30000) : rng.between(1200, 6500));
  const input = {
    meterNo, utility, model, serialNo: `${model}-${installedYear}${meterNo.slice(-6)}`, commAddress: meterNo, creditKind: kind,
    creditVia: kind === 'hall' ? 'remote' as const : 'card' as const, unitStep: 100, creditCap: cap, tariffId: 0,
    cardNo: kind === 'hall' ? null : `88${utility === 'electricity' ? '01' : '02'}${meterNo.slice(-8)}`,
  };
  return { input, profile: { meterNo, utility, creditKind: kind, tariffCode, unitStep: 100, creditCap: cap, annualUnits } };
}

/**
 * `count` accounts opened over the two years before `historyStart`, in opening order. tariffId is
 * filled from `tariffIds` (code → id).
 */
export function planAccounts(rng: Prng, count: number, historyStart: Date, tariffIds: ReadonlyMap<string, number>): PlannedAccount[] {
  const areaCount = Math.min(AREAS.length, Math.max(4, Math.ceil(count / 25_000)));
  const openedAt = Array.from({ length: count }, () => historyStart.getTime() - rng.between(1, 730 * 24) * (DAY_MS / 24)).sort((a, b) => a - b);
  const serials = new Serials();
  return openedAt.map((time, i) => {
    const commercial = rng.chance(0.05);
    const at = new Date(time);
    const made = [meter(rng, serials, 'electricity', commercial, at.getUTCFullYear())];
    if (!commercial && rng.chance(0.6)) made.push(meter(rng, serials, 'water', false, at.getUTCFullYear()));
    const category = commercial ? 'commercial' as const : 'residential' as const;
    const customer = {
      name: commercial ? shopName(rng) : personName(rng), phone: rng.chance(0.9) ? mobile(rng) : null,
      idNumber: !commercial && rng.chance(0.8) ? idNumber(rng, rng.pick(REGIONS)) : null, category,
    };
    const meters = made.map((m) => ({ ...m.input, tariffId: tariffIds.get(m.profile.tariffCode)! }));
    return { open: { input: { customer, premises: address(i, areaCount), category, meters }, at: at.toISOString() }, meters: made.map((m) => m.profile) };
  });
}
