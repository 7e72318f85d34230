/**
 * A refusal the domain can explain. `code` is a key of the contract's error table (shared/contract/errors.ts)
 * and so of the i18n resources; `params` fill the translated message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
