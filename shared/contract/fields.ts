/**
 * Field schemas reused by every contract method. Amounts arrive as integers in their smallest unit
 * (fen, 0.01 kWh/m³, 1/10000 yuan); a fraction, a negative or an absurd amount is refused here,
 * before anything reaches the backend's services.
 */
import { z } from 'zod';
import { CREDIT_KINDS, CREDIT_VIAS, CUSTOMER_CATEGORIES, ROLES, TIER_PERIODS, UTILITIES } from '../vocabulary';

/** Largest single sale or tender the counter accepts: 1,000,000.00 yuan. */
export const MAX_SALE_FEN = 100_000_000;
/** Largest unit quantity in one sale: 1,000,000 kWh or m³. */
export const MAX_SALE_UNITS = 100_000_000;

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const positiveFen = z.number().int().positive().max(MAX_SALE_FEN);
export const nonNegativeFen = z.number().int().nonnegative().max(MAX_SALE_FEN);
export const positiveUnits = z.number().int().positive().max(MAX_SALE_UNITS);
/** Unit price in 1/10000 yuan; at most 1,000 yuan per unit. */
export const price = z.number().int().nonnegative().max(10_000_000);
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** A calendar date that exists: '2026-02-30' is refused (Date.parse would roll it over to 2 March). */
export const businessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s; }, 'invalid date');
export const phone = z.string().trim().regex(/^[0-9+\-\s]{5,20}$/);
export const utility = z.enum(UTILITIES);
export const creditKind = z.enum(CREDIT_KINDS);
export const creditVia = z.enum(CREDIT_VIAS);
export const category = z.enum(CUSTOMER_CATEGORIES);
export const role = z.enum(ROLES);
export const tierPeriod = z.enum(TIER_PERIODS);
/** Client-made key that makes a retried sale harmless: 8–64 letters, digits, '-' or '_'. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const password = z.string().min(1).max(200);
export const empty = z.object({}).strict();
