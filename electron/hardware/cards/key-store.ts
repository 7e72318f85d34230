/**
 * Where the card secrets come from: the SLE4442 PSC (3 bytes, needed to write) and the hall's MAC key
 * (card layout MAC, layout/codec.ts). Issue 6: they are never in plain configuration files. The card layer
 * only takes them as parameters; the application backs this interface with the database and the OS keychain.
 * Here: the interface, an in-memory store for tests and demos, and one that reads the environment for the
 * support CLI (HALLDESK_CARD_MAC_KEY / HALLDESK_CARD_PSC as hex).
 */
import { PSC_LENGTH } from './sle4442';

export interface CardSecrets {
  readonly psc: Uint8Array;
  readonly macKey: Uint8Array;
}

export interface CardKeyStore {
  /** The secrets of `hallCode`'s cards; throws when the hall has none (never a default key). */
  secretsFor(hallCode: string): Promise<CardSecrets>;
}

export class KeyStoreError extends Error {
  override name = 'KeyStoreError';
}

/** Parses hex (spaces and colons allowed) into bytes; `what` names the secret in the error. */
export function secretFromHex(text: string, what: string, length?: number): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(clean)) throw new KeyStoreError(`${what} must be hex`);
  const bytes = Uint8Array.from(Buffer.from(clean, 'hex'));
  if (length !== undefined && bytes.length !== length) throw new KeyStoreError(`${what} must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

export function checkSecrets(secrets: CardSecrets): CardSecrets {
  if (secrets.psc.length !== PSC_LENGTH) throw new KeyStoreError(`a PSC is ${PSC_LENGTH} bytes`);
  if (secrets.macKey.length < 16) throw new KeyStoreError('a card MAC key is at least 16 bytes');
  return secrets;
}

export class MemoryKeyStore implements CardKeyStore {
  private readonly halls = new Map<string, CardSecrets>();

  set(hallCode: string, secrets: CardSecrets): void {
    this.halls.set(hallCode, checkSecrets(secrets));
  }

  async secretsFor(hallCode: string): Promise<CardSecrets> {
    const secrets = this.halls.get(hallCode);
    if (!secrets) throw new KeyStoreError(`no card keys for hall ${hallCode}`);
    return secrets;
  }
}

/** The MAC key from an option or HALLDESK_CARD_MAC_KEY (hex), for the support CLI only. */
export function macKeyFromEnvironment(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Uint8Array | null {
  const text = option ?? env.HALLDESK_CARD_MAC_KEY;
  if (text === undefined || text === '') return null;
  const key = secretFromHex(text, 'the card MAC key');
  if (key.length < 16) throw new KeyStoreError('the card MAC key is at least 16 bytes (32 hex digits)');
  return key;
}
