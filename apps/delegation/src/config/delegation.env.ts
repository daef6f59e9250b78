import { IsInt, Min } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class DelegationEnv extends ServiceEnv {
  /** Anti-abuse: the most deleghe (in attesa or accettate) one delegate may hold at once; 0 = no limit. */
  @IsInt()
  @Min(0)
  DELEGATION_MAX_ACTIVE_PER_DELEGATE = 0;

  /** Anti-abuse: the most Inserimento requests one delegator may send in 24 hours; 0 = no limit. */
  @IsInt()
  @Min(0)
  DELEGATION_MAX_REQUESTS_PER_DAY = 0;

  /** Days before the end of an accepted delega at which delegate and delegator are notified; 0 = no notice. */
  @IsInt()
  @Min(0)
  DELEGATION_EXPIRING_NOTICE_DAYS = 7;

  /** How often the expiry job runs (ms). */
  @IsInt()
  @Min(100)
  DELEGATION_EXPIRY_INTERVAL_MS = 30_000;

  /**
   * How long the access check keeps a citizen's grants in memory (ms). Changes evict them at once on every replica
   * (LISTEN/NOTIFY at commit); while the listener is down the entries live at most 500 ms.
   */
  @IsInt()
  @Min(0)
  ACCESS_CACHE_TTL_MS = 60_000;
}

export function loadDelegationEnv(source: NodeJS.ProcessEnv = process.env): DelegationEnv {
  return withServiceDefaults(loadEnv(DelegationEnv, source), 'delegation');
}
