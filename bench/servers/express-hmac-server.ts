// Reference point: Express with the same bare HMAC check as the ceiling (what Express alone costs).
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';

const port = Number(process.argv[2]);
const app = express();
app.post('/webhook', (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac('sha256', 'bench-secret')
      .update(`${String(req.headers['x-mlflow-delivery-id'])}.${String(req.headers['x-mlflow-timestamp'])}.`)
      .update(body)
      .digest();
    const given = Buffer.from(String(req.headers['x-mlflow-signature']).slice(3), 'base64');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    res.status(ok ? 200 : 401).json({ status: 'success' });
  });
});
app.listen(port, '127.0.0.1', () => process.send?.('ready'));
