/** The HTTP SMS gateway adapter against a local HTTP server on 127.0.0.1. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpGateway } from '../../electron/hardware/sms/sms-http';

let server: Server;
let url = '';
const received: unknown[] = [];
let answer = { status: 200, body: { id: 'g-1', parts: 2 } as object };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      received.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) as unknown });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('posts {to, text} as JSON and answers the gateway id', async () => {
  expect(await httpGateway(url).send('13800138000', '您好')).toEqual({ parts: 2, references: ['g-1'] });
  expect(received).toEqual([{ method: 'POST', type: 'application/json', body: { to: '13800138000', text: '您好' } }]);
});

it('a refusal is sms-gateway-error with the status', async () => {
  answer = { status: 429, body: { error: 'too many' } };
  await expect(httpGateway(url).send('13800138000', 'x')).rejects.toMatchObject({ code: 'sms-gateway-error', message: 'gateway answered 429: too many' });
});

it('nothing listening is sms-gateway-unreachable', async () => {
  await expect(httpGateway('http://127.0.0.1:9/sms').send('13800138000', 'x')).rejects.toMatchObject({ code: 'sms-gateway-unreachable' });
});
