/**
 * A bare HTTP/1.1 client for the browser-mode server tests. fetch() forbids the Host and Origin headers
 * a DNS-rebinding or cross-site attacker would send, and normalises paths like `/../x`; node's
 * http.request sends exactly what it is given.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json(): unknown;
}

export interface RawRequest {
  readonly port: number;
  readonly host?: string;
  readonly method?: string;
  /** Sent verbatim on the request line. */
  readonly path: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string | Buffer;
}

export function rawRequest(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: options.host ?? '127.0.0.1', port: options.port, method: options.method ?? 'GET', path: options.path,
      headers: { host: `127.0.0.1:${options.port}`, connection: 'close', ...options.headers },
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The error code of a refused connection (ECONNREFUSED, …), or 'connected' if something answered. */
export function connectOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/', agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve('connected');
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}
