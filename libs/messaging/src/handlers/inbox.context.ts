import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

/**
 * What an `@InboxEventPattern` handler gets beside the event (`@Ctx() context: InboxContext`, as `KafkaContext` for Nest's Kafka transport): the transaction
 * the delivery runs in. Write through `getManager()` and the handler's effects commit together with the inbox row
 * that marks the event as processed, so they happen once per event id, whatever the number of deliveries.
 */
export class InboxContext extends BaseRpcContext<[manager: EntityManager, group: string]> {
  /** The EntityManager of the delivery's transaction: pass it to the repositories the handler's service calls. */
  getManager(): EntityManager {
    return this.args[0];
  }

  /** The consumer group, `<service>.<purpose>`. */
  getGroup(): string {
    return this.args[1];
  }
}
