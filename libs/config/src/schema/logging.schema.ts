import { optionalText, quote, section } from './config-values';

/** pino level names. */
export type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** Spec B.5, `Logging` section. */
export interface LoggingSettings {
  /** From `Logging:LogLevel:Default`. @default 'info' (ASP.NET `Information`) */
  readonly level: PinoLevel;
  /**
   * Level of the per-request log lines, from `Logging:LogLevel:Microsoft.AspNetCore`: the category the
   * reference's request logs belong to. The reference image ships it at `Warning`, so request lines are
   * off unless raised to `Information`. @default 'warn'
   */
  readonly requestLevel: PinoLevel;
}

// ASP.NET LogLevel names (parsed case-insensitively, like Enum.Parse) → the pino level that means the same.
const LEVELS: Readonly<Record<string, PinoLevel>> = {
  trace: 'trace',
  debug: 'debug',
  information: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'fatal',
  none: 'silent',
};

/** ASP.NET log level names, in their documented casing. */
export const ASP_NET_LOG_LEVELS = [
  'Trace',
  'Debug',
  'Information',
  'Warning',
  'Error',
  'Critical',
  'None',
] as const;

const levelName = () =>
  optionalText().refine((value) => value === undefined || Object.hasOwn(LEVELS, value.trim().toLowerCase()), {
    error: (issue) => `must be one of ${ASP_NET_LOG_LEVELS.join(', ')}, not ${quote(String(issue.input))}`,
  });

/** Documented key names of `Logging:LogLevel`. */
export const logLevelShape = {
  Default: levelName(),
  'Microsoft.AspNetCore': levelName(),
};

const toPino = (name: string | undefined, fallback: string): PinoLevel =>
  LEVELS[(name ?? fallback).trim().toLowerCase()];

/** Schema of the `Logging` section. */
export const loggingSchema = section({ LogLevel: section(logLevelShape) }).transform(
  (raw): LoggingSettings => ({
    level: toPino(raw.LogLevel.Default, 'Information'),
    requestLevel: toPino(raw.LogLevel['Microsoft.AspNetCore'], 'Warning'),
  }),
);
