import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  AcsPost,
  AuthnRequestConsumeResult,
  AuthnRequestStore,
  IdpDescriptor,
  SamlErrorCode,
  SamlErrorDetails,
  SpidLoginResult,
  StoredAuthnRequest,
} from '../saml/index.js';
import { SamlValidationError } from '../saml/index.js';

export interface WorkerSettings {
  sp: { entityId: string; acsUrl: string };
  clockSkewMs: number;
}

/** Main thread → worker. */
export type PoolRequest =
  | { type: 'idps'; idps: IdpDescriptor[] }
  | { type: 'validate'; jobId: number; post: AcsPost }
  | { type: 'consumed'; callId: number; result: AuthnRequestConsumeResult };

/** Worker → main thread. */
export type PoolResponse =
  | { type: 'consume'; callId: number; id: string; now?: Date }
  | { type: 'result'; jobId: number; result: SpidLoginResult }
  | {
      type: 'error';
      jobId: number;
      error: { saml: true; code: SamlErrorCode; details: SamlErrorDetails } | { saml: false; message: string };
    };

interface PooledWorker {
  worker: Worker;
  busy: number;
  idpsVersion: number;
}

const WORKER_FILE = fileURLToPath(new URL('./validation.worker.js', import.meta.url));

/**
 * Runs SPID Response validations on worker threads: parsing, canonicalisation and RSA are CPU-bound (≈ 1-2 ms per
 * Response with the one-pass verifier) and would otherwise run on the event loop that serves every request.
 * The request store (single-use consume in PostgreSQL) stays on the main thread and answers the workers by message.
 */
export class ValidationPool<R extends StoredAuthnRequest = StoredAuthnRequest> {
  private readonly workers: PooledWorker[] = [];
  private readonly jobs = new Map<
    number,
    { owner: PooledWorker; resolve: (r: SpidLoginResult<R>) => void; reject: (e: Error) => void }
  >();
  private nextJob = 0;

  constructor(
    size: number,
    settings: WorkerSettings,
    private readonly requests: AuthnRequestStore<R>,
    private readonly idps: () => { version: number; list: IdpDescriptor[] },
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn(settings));
  }

  /** False when running from TypeScript sources (tests): there is no compiled worker file to start. */
  static available(): boolean {
    return existsSync(WORKER_FILE);
  }

  validate(post: AcsPost): Promise<SpidLoginResult<R>> {
    const target = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const { version, list } = this.idps();
    if (target.idpsVersion !== version) {
      target.worker.postMessage({ type: 'idps', idps: list } satisfies PoolRequest);
      target.idpsVersion = version;
    }
    const jobId = this.nextJob++;
    target.busy++;
    return new Promise<SpidLoginResult<R>>((resolve, reject) => {
      this.jobs.set(jobId, {
        owner: target,
        resolve: (r) => {
          target.busy--;
          resolve(r);
        },
        reject: (e) => {
          target.busy--;
          reject(e);
        },
      });
      target.worker.postMessage({ type: 'validate', jobId, post } satisfies PoolRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private spawn(settings: WorkerSettings): PooledWorker {
    const worker = new Worker(WORKER_FILE, { workerData: settings });
    worker.unref();
    const pooled: PooledWorker = { worker, busy: 0, idpsVersion: -1 };
    worker.on('message', (message: PoolResponse) => {
      switch (message.type) {
        case 'consume':
          this.requests.consume(message.id, message.now).then(
            (result) => worker.postMessage({ type: 'consumed', callId: message.callId, result } satisfies PoolRequest),
            // A database failure: tell the worker nothing matched; the login fails and the user retries.
            () =>
              worker.postMessage({
                type: 'consumed',
                callId: message.callId,
                result: { status: 'unknown' },
              } satisfies PoolRequest),
          );
          return;
        case 'result':
          // The worker's request is the structured clone of the R this thread's store gave it by `consumed`.
          this.jobs.get(message.jobId)?.resolve(message.result as SpidLoginResult<R>);
          this.jobs.delete(message.jobId);
          return;
        case 'error': {
          const job = this.jobs.get(message.jobId);
          this.jobs.delete(message.jobId);
          const e = message.error;
          job?.reject(e.saml ? new SamlValidationError(e.code, e.details) : new Error(e.message));
          return;
        }
      }
    });
    worker.on('error', (err) => {
      // A crashed worker fails its jobs and is replaced.
      for (const [id, job] of this.jobs) {
        if (job.owner !== pooled) continue;
        job.reject(err);
        this.jobs.delete(id);
      }
      const index = this.workers.indexOf(pooled);
      if (index >= 0) this.workers[index] = this.spawn(settings);
    });
    return pooled;
  }
}
