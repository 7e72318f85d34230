/** Failures of the transport itself, as opposed to the contract's Result errors. */

/** Browser mode answered 401: the page has no (or a stale) launch token. */
export class LaunchTokenError extends Error {
  constructor() {
    super('launch token missing or refused');
    this.name = 'LaunchTokenError';
  }
}

/** The call may not have reached the backend, or its answer was lost: the outcome is unknown. */
export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
  }
}
