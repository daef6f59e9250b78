import { serviceCaller } from '@profila/platform';

export type { ServiceAnswer } from '@profila/platform';

/** raa's calls to the other services (the shared service call, naming raa as the caller). */
export const callService = serviceCaller('raa');
