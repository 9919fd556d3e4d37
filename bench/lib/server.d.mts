/** Types for server.mjs. */
import type { ChildProcess } from 'node:child_process';

export interface StartServerOptions {
  name: string;
  command: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** CPU to pin the child to with taskset; undefined = not pinned. */
  cpu?: number;
  readyUrl: string;
  /** @default 10 */
  pollMs?: number;
  /** @default 30000 */
  timeoutMs?: number;
}
export interface StartedServer {
  name: string;
  child: ChildProcess;
  pid: number | undefined;
  /** Spawn → first 200 from readyUrl, in milliseconds. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
}
export function startServer(options: StartServerOptions): Promise<StartedServer>;
