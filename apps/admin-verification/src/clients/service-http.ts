import { serviceCaller } from '@profila/platform';

export type { ServiceAnswer } from '@profila/platform';

/** admin-verification's calls to the other services (the shared service call, naming admin-verification as the caller). */
export const callService = serviceCaller('admin-verification');
