/**
 * Browser mode's transport: every contract call is `POST /api/<method>` with the input as JSON, the
 * launch token as a Bearer credential and the login session and language in HallDesk's own headers.
 * The server answers the contract's Result as JSON; 401 means the launch token is missing or wrong.
 */
import type { Transport } from '../../../shared/contract/client';
import type { Result } from '../../../shared/result';
import { LaunchTokenError, TransportError } from './errors';

export interface HttpTransportOptions {
  readonly fetch: typeof fetch;
  /** The launch token (read once from the URL fragment); null when the page never had one. */
  readonly token: () => string | null;
  /** Where /api lives; the page's own origin by default. */
  readonly baseUrl?: string;
}

function headersFor(token: string, session: string | null, language: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    'x-halldesk-language': language,
  };
  if (session) headers['x-halldesk-session'] = session;
  return headers;
}

export function createHttpTransport(options: HttpTransportOptions): Transport {
  const base = options.baseUrl ?? '/';
  return async (method, input, meta) => {
    const token = options.token();
    if (!token) throw new LaunchTokenError();
    let response: Response;
    try {
      response = await options.fetch(`${base}api/${method}`, {
        method: 'POST',
        headers: headersFor(token, meta.session, meta.language),
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (cause) {
      throw new TransportError(`${method}: no answer`, { cause });
    }
    if (response.status === 401) throw new LaunchTokenError();
    if (!response.ok) throw new TransportError(`${method}: HTTP ${response.status}`);
    try {
      return (await response.json()) as Result<unknown>;
    } catch (cause) {
      throw new TransportError(`${method}: answer is not JSON`, { cause });
    }
  };
}
