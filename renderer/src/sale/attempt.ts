/**
 * Idempotency keys for sales. One key per sale attempt: made when the clerk first confirms, reused when the
 * same attempt is sent again (a retry after a lost answer must not sell twice), replaced only when the
 * attempt itself changes (another meter, amount or tender) or after it has succeeded.
 */
export interface Attempt {
  /** The request the key belongs to. */
  readonly fingerprint: string;
  readonly key: string;
}

type RandomSource = Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>>;

/** 32 hex digits (a v4 UUID without its dashes); fits the contract's [A-Za-z0-9_-]{8,64}. */
export function newIdempotencyKey(random: RandomSource = globalThis.crypto): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID().replace(/-/g, '');
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function attemptFor(current: Attempt | null, fingerprint: string, make: () => string = newIdempotencyKey): Attempt {
  return current && current.fingerprint === fingerprint ? current : { fingerprint, key: make() };
}
