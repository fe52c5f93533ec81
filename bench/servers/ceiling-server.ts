// The ceiling: a bare node:http server that only checks MLflow's HMAC and answers 200.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const secret = Buffer.from('bench-secret');
createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const id = String(req.headers['x-mlflow-delivery-id']);
    const ts = String(req.headers['x-mlflow-timestamp']);
    const expected = createHmac('sha256', secret).update(`${id}.${ts}.`).update(body).digest();
    const given = Buffer.from(String(req.headers['x-mlflow-signature']).slice(3), 'base64');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end('{"status":"success"}');
  });
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
