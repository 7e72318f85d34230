/**
 * The remote-recharge part of the contract (issue 5 item 5): the journal of writes to networked meters that a
 * supervisor watches, and retrying one now. Spread into the one contract table in methods.ts.
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';

const COUNTER: readonly Role[] = ['clerk', 'supervisor'];
const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];

export const rechargeContract = {
  /** Remote recharges not completed or voided, oldest first, each with its state and last event. */
  'recharges.pending': { access: STAFF, input: f.empty },
  /** Runs the journal for one write now: deliver a pending one, re-check a sent or failed one against the meter. */
  'recharges.retry': { access: COUNTER, input: z.object({ writeId: f.id }).strict() },
} as const;
