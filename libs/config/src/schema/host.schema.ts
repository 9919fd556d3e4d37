import { optionalText, quote, section, textOr, unlessProblemsAt } from './config-values';
import { type KestrelLimits, kestrelLimitsSchema } from './kestrel-limits.schema';
import { type ListenAddress, resolveListenAddresses } from './listen-address';
import { parseDurationMs } from './timespan';

/** How the process listens, limits its clients (`Kestrel:Limits`) and shuts down (spec A.3, B.5). */
export interface HostSettings extends KestrelLimits {
  /** `ASPNETCORE_ENVIRONMENT`, then `DOTNET_ENVIRONMENT`. @default 'Production' */
  readonly environment: string;
  /** Development lifts the loopback-only restriction (spec A.4); compared case-insensitively like .NET. */
  readonly isDevelopment: boolean;
  /** @default [{ url: 'http://0.0.0.0:5000', host: '0.0.0.0', port: 5000 }] */
  readonly listenAddresses: readonly ListenAddress[];
  /** `HostOptions:ShutdownTimeout`; 8 s keeps the whole exit under 10 s. @default 8000 */
  readonly shutdownTimeoutMs: number;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 8_000;

/** Root-level keys the host reads, in ASP.NET's casing. */
export const hostShape = {
  environment: textOr('Production').refine((name) => !/[\\/]/.test(name), {
    error: (issue) =>
      `must be a plain name such as Development or Production, not ${quote(String(issue.input))}`,
  }),
  urls: optionalText(),
  http_ports: optionalText(),
  Kestrel: section({
    Endpoints: section({ Http: section({ Url: optionalText() }) }),
    Limits: kestrelLimitsSchema,
  }),
  HostOptions: section({
    ShutdownTimeout: optionalText().refine(
      (value) => value === undefined || parseDurationMs(value) !== undefined,
      {
        error: (issue) =>
          `must be a TimeSpan (hh:mm:ss) or a number of seconds, not ${quote(String(issue.input))}`,
      },
    ),
  }),
};

const listenKeys = (raw: {
  urls?: string;
  http_ports?: string;
  Kestrel: { Endpoints: { Http: { Url?: string } } };
}) => ({
  kestrelUrl: raw.Kestrel.Endpoints.Http.Url,
  urls: raw.urls,
  httpPorts: raw.http_ports,
});

/** Schema of the host keys (input: an object with the root-level keys of `hostShape`). */
export const hostSchema = section(hostShape)
  .superRefine(
    (raw, ctx) => {
      for (const { key, reason } of resolveListenAddresses(listenKeys(raw)).problems) {
        ctx.addIssue({ code: 'custom', path: key.split(':'), message: reason });
      }
    },
    unlessProblemsAt(['Kestrel', 'Endpoints'], ['urls'], ['http_ports']),
  )
  .transform((raw): HostSettings => ({
    environment: raw.environment,
    isDevelopment: raw.environment.toLowerCase() === 'development',
    listenAddresses: resolveListenAddresses(listenKeys(raw)).addresses,
    ...raw.Kestrel.Limits,
    shutdownTimeoutMs:
      raw.HostOptions.ShutdownTimeout === undefined
        ? DEFAULT_SHUTDOWN_TIMEOUT_MS
        : (parseDurationMs(raw.HostOptions.ShutdownTimeout) ?? DEFAULT_SHUTDOWN_TIMEOUT_MS),
  }));
