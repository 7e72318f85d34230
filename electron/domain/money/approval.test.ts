import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { approvalState, assertCanDecide, assertUsable, expiryOf, subjectCovers } from './approval';
import type { ApprovalFacts } from './approval';

const AT = new Date('2026-10-03T02:00:00.000Z');
const later = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);
const facts = (over: Partial<ApprovalFacts> = {}): ApprovalFacts => ({ requestedBy: 7, expiresAt: expiryOf(AT, 15), decision: null, used: false, ...over });
const code = (f: () => void) => {
  try {
    f();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
};
const cash = { kind: 'holiday_cash' as const, meterId: 3, amount: 500_000 };

describe('the approval life cycle', () => {
  it('pending → approved → used; rejected; expired after its minutes', () => {
    expect(approvalState(facts(), AT)).toBe('pending');
    expect(approvalState(facts({ decision: 'approve' }), later(15))).toBe('approved');
    expect(approvalState(facts({ decision: 'approve' }), new Date(later(15).getTime() + 1))).toBe('expired');
    expect(approvalState(facts({ decision: 'reject' }), later(60))).toBe('rejected');
    expect(approvalState(facts({ decision: 'approve', used: true }), later(60))).toBe('used');
  });

  it('only a supervisor who did not ask decides, once, before expiry', () => {
    expect(code(() => assertCanDecide(facts(), { userId: 9, role: 'supervisor' }, AT))).toBeNull();
    expect(code(() => assertCanDecide(facts(), { userId: 7, role: 'supervisor' }, AT))).toBe('approval-self');
    expect(code(() => assertCanDecide(facts(), { userId: 9, role: 'clerk' }, AT))).toBe('approval-not-supervisor');
    expect(code(() => assertCanDecide(facts({ decision: 'approve' }), { userId: 9, role: 'supervisor' }, AT))).toBe('approval-not-pending');
    expect(code(() => assertCanDecide(facts(), { userId: 9, role: 'supervisor' }, later(16)))).toBe('approval-expired');
  });

  it('covers its own subject only; an approved amount is a ceiling for holiday cash, exact for a refund', () => {
    expect(subjectCovers(cash, { ...cash, amount: 499_999 })).toBe(true);
    expect(subjectCovers(cash, { ...cash, amount: 500_001 })).toBe(false);
    expect(subjectCovers(cash, { ...cash, meterId: 4 })).toBe(false);
    expect(subjectCovers({ kind: 'refund', accountId: 1, amount: 100 }, { kind: 'refund', accountId: 1, amount: 99 })).toBe(false);
    expect(subjectCovers({ kind: 'reversal', saleId: 5 }, { kind: 'reversal', saleId: 5 })).toBe(true);
    expect(subjectCovers({ kind: 'reversal', saleId: 5 }, cash)).toBe(false);
  });

  it('covers a control job by its id, and a settlement reading only for exactly the values approved', () => {
    expect(subjectCovers({ kind: 'control_job', jobId: 3 }, { kind: 'control_job', jobId: 3 })).toBe(true);
    expect(subjectCovers({ kind: 'control_job', jobId: 3 }, { kind: 'control_job', jobId: 4 })).toBe(false);
    const reading = { kind: 'manual_reading', meterId: 2, readAt: '2026-10-31T16:00:00.000Z', total: 1_234_500 } as const;
    expect(subjectCovers(reading, { ...reading, readAt: '2026-11-01T00:00:00+08:00' })).toBe(true);
    expect(subjectCovers(reading, { ...reading, total: 1_234_501 })).toBe(false);
    expect(subjectCovers(reading, { ...reading, meterId: 3 })).toBe(false);
    expect(subjectCovers(reading, { ...reading, readAt: '2026-10-31T16:00:01.000Z' })).toBe(false);
    expect(subjectCovers(reading, { kind: 'control_job', jobId: 2 })).toBe(false);
  });

  it('is used by its requester, approved, unexpired and unused', () => {
    const approved = { ...facts({ decision: 'approve' }), subject: cash };
    expect(code(() => assertUsable(approved, 7, cash, AT))).toBeNull();
    expect(code(() => assertUsable(approved, 8, cash, AT))).toBe('approval-mismatch');
    expect(code(() => assertUsable({ ...approved, decision: null }, 7, cash, AT))).toBe('approval-required');
    expect(code(() => assertUsable({ ...approved, decision: 'reject' }, 7, cash, AT))).toBe('approval-rejected');
    expect(code(() => assertUsable({ ...approved, used: true }, 7, cash, AT))).toBe('approval-used');
    expect(code(() => assertUsable(approved, 7, cash, later(16)))).toBe('approval-expired');
  });
});
