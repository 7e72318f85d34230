/**
 * A representative slip for the benchmark and the tests: 100 yuan of residential electricity that crosses
 * from the first annual tier into the second (80 kWh at 0.4883 and 113 kWh at 0.5383 on a whole-kWh
 * meter), 0.11 yuan left on the account, tendered 200, change 100.
 */
import type { SlipData } from './slip-types';

export function sampleSlipData(overrides: Partial<SlipData> = {}): SlipData {
  return {
    hallName: null,
    counterCode: 'A01',
    receiptNo: 'A01-2026-000123',
    createdAt: '2026-11-26T02:42:07.000Z',
    clerkName: '王丽',
    customerName: '张建国',
    phone: '13812345678',
    accountNo: 'H00001234',
    premises: { area: '幸福小区', building: '3', unit: '2', room: '501' },
    meterNo: '000012345678',
    cardNo: '860012345678',
    utility: 'electricity',
    creditKind: 'energy',
    tariffName: '居民生活用电（年阶梯）',
    segments: [
      { tier: 1, units: 8_000, price: 4_883, charge: 3_906 },
      { tier: 2, units: 11_300, price: 5_383, charge: 6_083 },
    ],
    units: 19_300,
    payable: 10_000,
    tendered: 20_000,
    change: 10_000,
    paymentMethod: 'cash',
    creditAfter: 11,
    unitsThisYear: 299_300,
    lastSixMonths: [
      { month: '2026-06', amount: 15_000 }, { month: '2026-07', amount: 30_000 }, { month: '2026-08', amount: 30_000 },
      { month: '2026-09', amount: 20_000 }, { month: '2026-10', amount: 10_000 }, { month: '2026-11', amount: 10_000 },
    ],
    qrText: 'HD1|A01-2026-000123|10000|00000000',
    ...overrides,
  };
}
