import { Catch, type ExceptionFilter, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { throwError } from 'rxjs';
import type { EventOf, EventType } from '@profila/contracts';
import type { InboxContext } from './inbox.context.js';

/** Transport id of the inbox server: `@InboxEventPattern` handlers are served by it and by no other transport. */
export const INBOX_TRANSPORT = Symbol('profila-inbox');

export interface InboxEventPatternOptions {
  /**
   * Consumer group, `<service>.<purpose>` (e.g. `delegation.known-citizens`): each group reads the topics of its
   * handlers on its own, with its own offsets, inbox rows and dead letters. One group per feature purpose.
   */
  group: string;
}

/** The signature an `@InboxEventPattern(type)` method has: the envelope typed by the contract's event map. */
export type InboxEventHandler<T extends EventType> = (event: EventOf<T>, context: InboxContext) => Promise<void>;

type HandlerMethod = (event: never, context: InboxContext) => Promise<void>;

/** Whether the method's first parameter takes every event type of the pattern (not fewer, not another one). */
type AcceptsEvents<M, T extends EventType> = M extends (event: infer E, ...rest: never[]) => Promise<void>
  ? [EventOf<T>] extends [E]
    ? true
    : false
  : false;

/** Shown by the compiler when a handler's parameter does not take the events of its pattern. */
type MustAccept<T extends EventType> = { 'the first parameter must accept EventOf<the pattern types>': EventOf<T> };

/**
 * Lets Nest's default RPC filter not swallow a handler's failure (it would turn any error into "Internal server
 * error"): the inbox server needs the error itself, to retry, log it and write it in the dead-letter store.
 */
@Catch()
class PassEventHandlerErrors implements ExceptionFilter {
  catch(exception: unknown) {
    return throwError(() => exception);
  }
}

/**
 * Nest's `@EventPattern`, bound to the inbox transport and typed by the contracts' event map:
 *
 *   @InboxEventPattern(['citizen.registered', 'citizen.updated'], { group: 'delegation.known-citizens' })
 *   async upsert(@Payload() event: EventOf<'citizen.registered' | 'citizen.updated'>, @Ctx() context: InboxContext) {
 *     await this.citizens.record(context.getManager(), event);
 *   }
 *
 * The method is discovered at start-up on any controller of the app (the feature module lists its events controller
 * like any other). It runs once per event id inside the delivery's transaction (`context.getManager()`); a failure
 * is retried with backoff, then parked in the dead-letter store (`/messaging/dead-letters`, replayable).
 */
export function InboxEventPattern<T extends EventType>(types: T | readonly T[], options: InboxEventPatternOptions) {
  const patterns: string[] = typeof types === 'string' ? [types] : [...types];
  const pattern = EventPattern(patterns, INBOX_TRANSPORT, { group: options.group });
  const filters = UseFilters(new PassEventHandlerErrors());
  return <M extends HandlerMethod>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M> & (AcceptsEvents<M, T> extends true ? unknown : MustAccept<T>),
  ): void => {
    filters(target, key, descriptor);
    pattern(target, key, descriptor);
  };
}
