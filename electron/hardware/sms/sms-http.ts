/**
 * The HTTP SMS gateway adapter: POST {to, text} as JSON to the configured URL; a 2xx answer with
 * { id } is sent (the id is the reference a later report names), anything else a clear error.
 */
import { SmsError } from './sms-port';
import type { SmsPort, SmsSent } from './sms-port';

export function httpGateway(url: string, options: { timeoutMs?: number } = {}): SmsPort {
  return {
    driver: 'http',
    async send(phone: string, text: string): Promise<SmsSent> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: phone, text }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        const timeout = error instanceof Error && error.name === 'TimeoutError';
        throw new SmsError(timeout ? 'sms-timeout' : 'sms-gateway-unreachable', error instanceof Error ? error.message : String(error));
      }
      const body = (await response.json().catch(() => ({}))) as { id?: unknown; parts?: unknown; error?: unknown };
      if (!response.ok) throw new SmsError('sms-gateway-error', `gateway answered ${response.status}${typeof body.error === 'string' ? `: ${body.error}` : ''}`);
      return { parts: typeof body.parts === 'number' ? body.parts : 1, references: body.id === undefined ? [] : [String(body.id)] };
    },
    onDelivery: () => undefined,
    close: async () => undefined,
  };
}
