/**
 * `@mlflow-kserve/core/testing`: in-memory ports, signed-request builders and the adapter contract suite.
 * @packageDocumentation
 */
export { InMemoryKube, kserveDefaultRuntimes } from './testing/in-memory-kube.js';
export { InMemoryMlflow, type FakeVersion, pyfuncMlmodel } from './testing/in-memory-mlflow.js';
export { signedRequest, tagEventBody, eventBody, type SignedRequestOptions } from './testing/signed-request.js';
export { testDeps, testSecret } from './testing/test-deps.js';
export { runAdapterContract, type AdapterDriver, type AdapterUnderTest, type TestApi } from './testing/adapter-contract.js';
export { InMemoryLeases } from './testing/in-memory-leases.js';
