/**
 * Settings for an API under a benchmark's load: it all comes from one client address, so the
 * per-address limits of anonymous reads and searches are switched off (0).
 */
export const UNLIMITED_READS = { RATE_LIMIT_READS_PER_MINUTE: '0', RATE_LIMIT_SEARCHES_PER_MINUTE: '0' } as const;
