import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Who is acting, for whom: carried from the gateway's token into audit rows and events. */
export interface Actor {
  /** 'citizen' (codice fiscale), 'operator', 'service' or 'system'. */
  kind: 'citizen' | 'operator' | 'service' | 'system';
  id: string;
  /** Organisation the actor is acting for, if any (Selezione tipologia di utente). */
  actingFor?: string;
  /** Operators only: the territories (province / CPI codes) they may see. */
  territories?: string[];
}

export interface RequestContext {
  requestId: string;
  correlationId: string;
  causationId?: string;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Binds the rest of the current asynchronous flow to ctx (used by HTTP hooks). */
  enter(ctx: RequestContext): void {
    storage.enterWith(ctx);
  },
  newId(): string {
    return randomUUID();
  },
};

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };
