/** Injection token of the process's pino logger. */
export const OBSERVABILITY_LOGGER = 'OBSERVABILITY:LOGGER';
