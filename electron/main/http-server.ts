/**
 * Browser mode: the same contract over HTTP on 127.0.0.1 only. A call is `POST /api/<method>` with a JSON
 * body and `Authorization: Bearer <launch token>`; the user's login session travels in `X-HallDesk-Session`.
 * The launch token is made afresh at each start and reaches the page only through the URL printed at launch
 * (in the fragment, which browsers never send to a server), never through a served page. Requests whose Host
 * or Origin is not this loopback address are refused, which defeats DNS rebinding and cross-site calls.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { failure } from './dispatch';
import type { Dispatch } from './dispatch';
import { DEFAULT_LANGUAGE, isLanguage } from '../../shared/i18n';

export const DEFAULT_PORT = 47_310;
const MAX_BODY_BYTES = 1_000_000;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.pdf': 'application/pdf',
};
/** Same policy as the Electron window: nothing from elsewhere, no eval, no framing. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface BrowserServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function loopbackGuard(port: number) {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  return (req: IncomingMessage): boolean => {
    if (!hosts.has(req.headers.host ?? '')) return false;
    const origin = req.headers.origin;
    return origin === undefined || origins.has(origin);
  };
}

async function handleApi(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch, token: string, method: string): Promise<void> {
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) return send(res, 401, { error: 'launch token required' });
  if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, { error: 'application/json only' });
  const text = await readBody(req);
  if (text === null) return send(res, 413, { error: 'body too large' });
  const session = req.headers['x-halldesk-session'];
  const header = req.headers['x-halldesk-language'];
  const language = isLanguage(header) ? header : DEFAULT_LANGUAGE;
  let input: unknown;
  try {
    input = text === '' ? {} : JSON.parse(text);
  } catch {
    return send(res, 200, failure('invalid-input', language, { detail: 'body is not JSON' }));
  }
  send(res, 200, await dispatch(method, input, { session: typeof session === 'string' ? session : null, language }));
}

/** The URL path decoded, or null when its percent-encoding is malformed or hides a NUL (answered 400, not 500). */
function decodedPath(path: string): string | null {
  try {
    const decoded = decodeURIComponent(path === '/' ? '/index.html' : path);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

async function serveStatic(res: ServerResponse, root: string, path: string): Promise<void> {
  const decoded = decodedPath(path);
  if (decoded === null) return send(res, 400, { error: 'malformed path' });
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) return send(res, 404, { error: 'not found' });
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.end(body);
  } catch {
    send(res, 404, { error: 'not found' });
  }
}

export async function startBrowserServer(options: { dispatch: Dispatch; port?: number; staticDir: string; token?: string }): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let guard: (req: IncomingMessage) => boolean = () => false;
  const server: Server = createServer((req, res) => {
    if (!guard(req)) return send(res, 403, { error: 'only this loopback address may call HallDesk' });
    const path = (req.url ?? '/').split('?')[0]!;
    const work = path.startsWith('/api/') ? handleApi(req, res, options.dispatch, token, path.slice(5)) : serveStatic(res, normalize(options.staticDir), path);
    work.catch(() => send(res, 500, { error: 'internal' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard = loopbackGuard(port);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`, port, token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
