/**
 * The built-in card layouts. HallDesk's own layout is used for cards this app issues; a vendor's layout is one
 * more entry (or the same shape loaded from configuration and checked with validateCardProfile).
 *
 * halldesk-v1 (SLE4442, bytes from 0x20, clear of the protectable area):
 *   0x20 "HD" + version · 0x23 card type · 0x24 hall code (8 digits) · 0x28 meter number (12 digits, as a
 *   DL/T 645 address) · 0x2E customer number (12 digits) · 0x34 card number · 0x38 purchase measure
 *   (fen | 0.01 units) · 0x3C purchase · 0x40 purchase count · 0x48 MAC (8 bytes)
 *   0x50 write-back, written by the meter: remaining (signed: overdraft), total energy (0.01), status, count loaded
 */
import type { CardProfile } from './profile';

export const HALLDESK_V1: CardProfile = {
  id: 'halldesk-v1',
  version: 1,
  chip: 'sle4442',
  source: 'HallDesk (issue 6); the meter side follows hardware.md §4.2 (purchase count, return-write)',
  header: { offset: 0x20, magic: 'HD' },
  fields: [
    { name: 'cardType', offset: 0x23, length: 1, encoding: 'enum', values: { user: 1, check: 2, setting: 3 }, writer: 'counter' },
    { name: 'hallCode', offset: 0x24, length: 4, encoding: 'bcd', writer: 'counter' },
    { name: 'meterNumber', offset: 0x28, length: 6, encoding: 'bcd', writer: 'counter' },
    { name: 'customerNumber', offset: 0x2e, length: 6, encoding: 'bcd', writer: 'counter' },
    { name: 'cardNumber', offset: 0x34, length: 4, encoding: 'u32be', writer: 'counter' },
    { name: 'purchaseMeasure', offset: 0x38, length: 1, encoding: 'enum', values: { fen: 1, units: 2 }, writer: 'counter' },
    { name: 'purchase', offset: 0x3c, length: 4, encoding: 'u32be', writer: 'counter' },
    { name: 'purchaseCount', offset: 0x40, length: 2, encoding: 'u16be', writer: 'counter' },
    { name: 'remaining', offset: 0x50, length: 4, encoding: 'i32be', writer: 'meter' },
    { name: 'totalEnergy', offset: 0x54, length: 4, encoding: 'u32be', writer: 'meter' },
    { name: 'meterStatus', offset: 0x58, length: 2, encoding: 'u16be', writer: 'meter' },
    { name: 'countLoaded', offset: 0x5a, length: 2, encoding: 'u16be', writer: 'meter' },
  ],
  mac: {
    offset: 0x48,
    length: 8,
    covers: ['header', 'cardType', 'hallCode', 'meterNumber', 'customerNumber', 'cardNumber', 'purchaseMeasure', 'purchase', 'purchaseCount'],
  },
};

export const BUILT_IN_PROFILES: readonly CardProfile[] = [HALLDESK_V1];
