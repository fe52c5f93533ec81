import { afterEach, describe, expect, it } from 'vitest';
import { createRequestHandler } from '../handler/create-request-handler.js';
import { runAdapterContract } from './adapter-contract.js';

// The core itself is the reference adapter: plain data in, plain data out.
runAdapterContract(
  { name: 'core request handler', create: async (deps) => ({ send: createRequestHandler(deps) }) },
  { describe, it, expect, afterEach },
);
