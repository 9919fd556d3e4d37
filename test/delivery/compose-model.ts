// Normalises the docker-compose.yml shapes the delivery tests look at: compose accepts both a short
// (string/list) and a long (object/map) syntax for environment, ports, volumes and depends_on.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
  network_mode?: string;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  user?: string;
  read_only?: boolean;
  tmpfs?: string | string[];
  cap_drop?: string[];
  security_opt?: string[];
  deploy?: { resources?: { limits?: { memory?: string; cpus?: string } } };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

export function loadCompose(file: string): ComposeFile {
  // merge: compose honours YAML merge keys (<<), which the file uses to share the image definition.
  return parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
}

export function envOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env))
    return Object.fromEntries(env.map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

/** Host side of each port mapping: `hostIp` is '' when the mapping binds every interface. */
export function portsOf(service: ComposeService): { hostIp: string; published: string }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p !== 'string') return { hostIp: p.host_ip ?? '', published: String(p.published ?? '') };
    const parts = p.split(':');
    return parts.length === 3
      ? { hostIp: parts[0], published: parts[1] }
      : { hostIp: '', published: parts[0] };
  });
}

export function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v !== 'string')
      return { source: v.source ?? '', target: v.target ?? '', readOnly: v.read_only === true };
    const [source = '', target = '', mode = ''] = v.split(':');
    return { source, target, readOnly: mode.split(',').includes('ro') };
  });
}

export function dependsOf(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([d, v]) => [d, v.condition ?? 'service_started']));
}

/** The command as one string, so paths can be found in exec and `sh -c` forms alike. */
export function commandText(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}
