// A worker thread that runs the SPID Response validation (XML parsing, XPath, signature verification: pure CPU).
// The request store stays on the main thread (database); the worker asks it to consume the request by message.
import { parentPort, workerData } from 'node:worker_threads';
import {
  type AuthnRequestConsumeResult,
  type AuthnRequestStore,
  IdpRegistry,
  SamlValidationError,
  SpidResponseValidator,
} from '../saml/index.js';
import type { PoolRequest, PoolResponse, WorkerSettings } from './validation-pool.js';

const settings = workerData as WorkerSettings;
const port = parentPort!;
let registry = IdpRegistry.of([]);
let nextCall = 0;
const pendingConsumes = new Map<number, (result: AuthnRequestConsumeResult) => void>();

const store: AuthnRequestStore = {
  save: () => Promise.reject(new Error('the validation worker never saves requests')),
  consume: (id: string, now?: Date) =>
    new Promise<AuthnRequestConsumeResult>((resolve) => {
      const callId = nextCall++;
      pendingConsumes.set(callId, resolve);
      port.postMessage({ type: 'consume', callId, id, now } satisfies PoolResponse);
    }),
};

const validator = new SpidResponseValidator({
  sp: settings.sp,
  idps: { get: (entityId: string) => registry.get(entityId) },
  requests: store,
  clockSkewMs: settings.clockSkewMs,
});

port.on('message', (message: PoolRequest) => {
  switch (message.type) {
    case 'idps':
      registry = IdpRegistry.of(message.idps);
      return;
    case 'consumed':
      pendingConsumes.get(message.callId)?.(message.result);
      pendingConsumes.delete(message.callId);
      return;
    case 'validate':
      validator.validate(message.post).then(
        (result) => port.postMessage({ type: 'result', jobId: message.jobId, result } satisfies PoolResponse),
        (err: unknown) =>
          port.postMessage({
            type: 'error',
            jobId: message.jobId,
            error:
              err instanceof SamlValidationError
                ? { saml: true, code: err.code, details: { ...err.details } }
                : { saml: false, message: (err as Error).message },
          } satisfies PoolResponse),
      );
      return;
  }
});
