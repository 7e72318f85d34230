/**
 * The fixed parts of the demo hall: logins, tariffs and the meter models on its books.
 *
 * Tariffs are realistic examples, not any utility's current schedule:
 *  - RES-E-Y residential electricity, annual tiers 0–2,880 / 2,881–4,800 / above 4,800 kWh at
 *    0.4883 / 0.5383 / 0.7883 yuan (the shape and prices of Beijing's residential tiered tariff);
 *  - RES-E-M residential electricity, monthly tiers 0–200 / 201–400 / above 400 kWh at
 *    0.5880 / 0.6380 / 0.8880 (the shape of Guangdong's monthly tiers);
 *  - COM-E general commercial electricity, flat 0.8000;
 *  - RES-W-Y residential water, annual tiers 0–180 / 181–260 / above 260 m³ at 3.45 / 4.83 / 5.83
 *    (Beijing's tier bounds with Shanghai-like prices).
 * Each has a version from 1 January of the first year of the sales history and a future version
 * (next 1 January), so versioning shows in the tariff screens; water also rose mid-history.
 */
import type { Role } from '../../shared/vocabulary';

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', password: 'admin1234' },
  { username: 'zhang.sup', displayName: '张主管', role: 'supervisor', password: 'super1234' },
  { username: 'li.clerk', displayName: '李晓梅', role: 'clerk', password: 'clerk1234' },
  { username: 'wang.clerk', displayName: '王建国', role: 'clerk', password: 'clerk1234' },
];

/** Extra clerks, created only when the hall runs more counters at once than it has sellers. */
export const EXTRA_CLERKS: readonly DemoUser[] = ['zhao', 'chen', 'liu', 'sun', 'zhou', 'wu'].map((name, i) => ({
  username: `${name}.clerk`, displayName: `收费员${i + 5}`, role: 'clerk', password: 'clerk1234',
}));

export type TierList = readonly { readonly uptoUnits: number | null; readonly price: number }[];

export interface DemoTariff {
  readonly code: string;
  readonly name: string;
  readonly utility: 'electricity' | 'water';
  readonly category: 'residential' | 'commercial';
  readonly period: 'none' | 'year' | 'month';
  /** Versions by when they take effect: 'first' = 1 January of the history's first year. */
  readonly versions: readonly { readonly from: 'first' | 'mid' | 'future'; readonly tiers: TierList }[];
}

const tiers = (...pairs: (number | null)[]): TierList => {
  const list = [];
  for (let i = 0; i < pairs.length; i += 2) list.push({ uptoUnits: pairs[i] ?? null, price: pairs[i + 1]! });
  return list;
};

export const DEMO_TARIFFS: readonly DemoTariff[] = [
  { code: 'RES-E-Y', name: '居民生活用电（年阶梯）', utility: 'electricity', category: 'residential', period: 'year', versions: [
    { from: 'first', tiers: tiers(288000, 4883, 480000, 5383, null, 7883) },
    { from: 'future', tiers: tiers(288000, 4983, 480000, 5483, null, 7983) },
  ] },
  { code: 'RES-E-M', name: '居民生活用电（月阶梯）', utility: 'electricity', category: 'residential', period: 'month', versions: [
    { from: 'first', tiers: tiers(20000, 5880, 40000, 6380, null, 8880) },
    { from: 'future', tiers: tiers(20000, 5980, 40000, 6480, null, 8980) },
  ] },
  { code: 'COM-E', name: '一般工商业用电', utility: 'electricity', category: 'commercial', period: 'none', versions: [
    { from: 'first', tiers: tiers(null, 8000) },
    { from: 'future', tiers: tiers(null, 7800) },
  ] },
  { code: 'RES-W-Y', name: '居民生活用水（年阶梯）', utility: 'water', category: 'residential', period: 'year', versions: [
    { from: 'first', tiers: tiers(18000, 33500, 26000, 46300, null, 56300) },
    { from: 'mid', tiers: tiers(18000, 34500, 26000, 48300, null, 58300) },
    { from: 'future', tiers: tiers(18000, 35500, 26000, 49300, null, 59300) },
  ] },
];

export const AREAS = ['东区', '西区', '南苑', '北苑', '中心花园', '滨河小区', '翠湖苑', '锦绣新村'];

/** Rooms per building: 3 units × 18 floors × 4 doors (101 … 1804). */
export const UNITS_PER_BUILDING = 3;
export const FLOORS = 18;
export const DOORS = 4;

export const MODELS = { singlePhase: 'DDSY1352', threePhase: 'DTSY1352', water: 'LXSY-20C' } as const;
