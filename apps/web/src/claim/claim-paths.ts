/** Where "Accedi all'utenza RAA" lives: linked from the RAA registration, which it leads back to pre-filled. */
export const RAA_CLAIM_PATH = '/area-riservata/utenza-raa';
