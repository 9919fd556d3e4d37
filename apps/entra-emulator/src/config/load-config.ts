import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  applicationSchema,
  emulatorConfigSchema,
  type ApplicationConfig,
  type ApplicationInput,
  type EmulatorConfig,
  type ResolvedEmulatorConfig,
} from './config.schema';

/** The demo tenant shipped with the repository, resolved from the working directory (the repo root). */
export function defaultConfigPath(): string {
  return resolve(process.cwd(), 'apps/entra-emulator/config/demo-tenant.json');
}

/** Thrown when a configuration is invalid; the message lists every problem with its path. */
export class EmulatorConfigError extends Error {
  constructor(source: string, problems: readonly string[]) {
    super(
      `Invalid Entra emulator configuration (${source}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'EmulatorConfigError';
  }
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}

/** Reads certificate files named by `path` (relative to the config file) into `pem`. */
function inlineCertificates(application: ApplicationConfig, baseDir: string): ApplicationConfig {
  const certificates = application.certificates.map((certificate) => {
    if (certificate.pem || !certificate.path) return certificate;
    const file = isAbsolute(certificate.path) ? certificate.path : join(baseDir, certificate.path);
    return { ...certificate, pem: readFileSync(file, 'utf8') };
  });
  certificates.forEach((certificate, index) => {
    try {
      new X509Certificate(certificate.pem ?? '');
    } catch {
      throw new EmulatorConfigError(application.name, [`certificates.${index}: not a PEM certificate`]);
    }
  });
  return { ...application, certificates };
}

/** Validates a configuration object (copied, so the caller's object is never changed). */
export function resolveConfig(
  config: EmulatorConfig,
  source = 'config object',
  baseDir = process.cwd(),
): ResolvedEmulatorConfig {
  const parsed = emulatorConfigSchema.safeParse(structuredClone(config));
  if (!parsed.success) throw new EmulatorConfigError(source, formatIssues(parsed.error.issues));
  const resolved = parsed.data;
  resolved.applications = resolved.applications.map((application) =>
    inlineCertificates(application, baseDir),
  );
  return resolved;
}

export function loadConfigFile(path: string): ResolvedEmulatorConfig {
  const absolute = resolve(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(absolute, 'utf8'));
  } catch (error) {
    throw new EmulatorConfigError(absolute, [`cannot read JSON: ${(error as Error).message}`]);
  }
  return resolveConfig(raw as EmulatorConfig, absolute, dirname(absolute));
}

export function resolveApplication(input: ApplicationInput): ApplicationConfig {
  const parsed = applicationSchema.safeParse(input);
  if (!parsed.success) throw new EmulatorConfigError('application', formatIssues(parsed.error.issues));
  return inlineCertificates(parsed.data, process.cwd());
}
