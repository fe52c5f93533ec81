import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { signPayload, tagEventBody } from '@mlflow-kserve/core';
import { freePort, rssMb } from './child.js';
import { startFakeMlflow } from './fake-mlflow.js';

export interface MemoryResult {
  idleMb: number;
  after10kMb: number;
  /** RSS after each further round of 10,000 (a leak keeps growing; a warmed heap levels off). */
  laterRoundsMb: number[];
  requests: number;
  non2xx: number;
}

/** RSS of the built `mlflow-kserve serve` (plain node, dir target, MLflow over HTTP) at idle and after 10,000 webhooks. */
export async function memoryBench(extraRounds = 2): Promise<MemoryResult> {
  const mlflow = await startFakeMlflow(100);
  const port = await freePort();
  const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      PATH: process.env['PATH'],
      MLFLOW_KSERVE_APP_HOST: '127.0.0.1',
      MLFLOW_KSERVE_APP_PORT: String(port),
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: mlflow.url,
      MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'bench',
      MLFLOW_KSERVE_KUBE_TARGET: `dir:${mkdtempSync(`${tmpdir()}/bench-mem-`)}`,
      MLFLOW_KSERVE_LOG_LEVEL: 'WARNING',
    },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; i < 100; i += 1) {
      if (
        await fetch(`http://127.0.0.1:${port}/livez`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 2000));
    const idleMb = await rssMb(child.pid!);
    let n = 0;
    const round = () =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: 10,
        amount: 10_000,
        requests: [
          {
            method: 'POST',
            path: '/webhook',
            setupRequest: (req) => {
              const body = tagEventBody(`model-${n % 100}`, '1', 'deploy', 'true');
              n += 1;
              const deliveryId = randomUUID();
              const timestamp = Math.floor(Date.now() / 1000);
              return {
                ...req,
                body,
                headers: {
                  'content-type': 'application/json',
                  'x-mlflow-delivery-id': deliveryId,
                  'x-mlflow-timestamp': String(timestamp),
                  'x-mlflow-signature': signPayload({ secret: 'bench', deliveryId, timestamp, rawBody: body }),
                },
              };
            },
          },
        ],
      });
    const result = await round();
    await new Promise((r) => setTimeout(r, 1000));
    const after10kMb = await rssMb(child.pid!);
    const laterRoundsMb: number[] = [];
    let non2xx = result.non2xx;
    for (let i = 0; i < extraRounds; i += 1) {
      non2xx += (await round()).non2xx;
      await new Promise((r) => setTimeout(r, 1000));
      laterRoundsMb.push(await rssMb(child.pid!));
    }
    return { idleMb, after10kMb, laterRoundsMb, requests: result.requests.total, non2xx };
  } finally {
    child.kill();
    await mlflow.close();
  }
}
