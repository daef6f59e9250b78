/** SPID authentication levels and the RequestedAuthnContext comparison rules. */
export const SPID_LEVELS = ['L1', 'L2', 'L3'] as const;
export type SpidLevel = (typeof SPID_LEVELS)[number];

export const SPID_LEVEL_CLASS_REF: Record<SpidLevel, string> = {
  L1: 'https://www.spid.gov.it/SpidL1',
  L2: 'https://www.spid.gov.it/SpidL2',
  L3: 'https://www.spid.gov.it/SpidL3',
};

export const AUTHN_COMPARISONS = ['minimum', 'exact', 'better', 'maximum'] as const;
export type AuthnComparison = (typeof AUTHN_COMPARISONS)[number];

export function isSpidLevel(value: unknown): value is SpidLevel {
  return typeof value === 'string' && (SPID_LEVELS as readonly string[]).includes(value);
}

/** The level of an AuthnContextClassRef, or undefined for anything SPID does not define (e.g. the old `urn:…:SpidL1`). */
export function levelOfClassRef(classRef: string): SpidLevel | undefined {
  return SPID_LEVELS.find((level) => SPID_LEVEL_CLASS_REF[level] === classRef);
}

function rank(level: SpidLevel): number {
  return SPID_LEVELS.indexOf(level);
}

/** Whether the level the IdP asserted satisfies the level we requested under the given comparison. */
export function levelSatisfies(asserted: SpidLevel, requested: SpidLevel, comparison: AuthnComparison): boolean {
  switch (comparison) {
    case 'minimum':
      return rank(asserted) >= rank(requested);
    case 'exact':
      return asserted === requested;
    case 'better':
      return rank(asserted) > rank(requested);
    case 'maximum':
      return rank(asserted) <= rank(requested);
  }
}
