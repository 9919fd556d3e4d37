import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

/** Options for the process logger. */
export interface LoggerOptions {
  /** Minimum level written; from `Logging:LogLevel:Default`. */
  level: LevelWithSilent;
  /** Where JSON lines go; standard output when omitted (tests pass a capturing stream). */
  destination?: DestinationStream;
}

// Defence in depth: nothing in the sidecar logs these fields on purpose, but if a future log call ever
// passes a request, a header bag or a credential object along, the values are censored, not written.
const REDACTED_PATHS = [
  'authorization',
  'cookie',
  '*.authorization',
  '*.Authorization',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.clientSecret',
  '*.client_secret',
  '*.client_assertion',
  '*.assertion',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.token',
  '*.password',
];

/** Structured JSON logger (pino) with secret-bearing fields censored. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'entra-identity-sidecar' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
