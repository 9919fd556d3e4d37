import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * A throw-away network namespace joined to this host by a veth pair, so a test can call the sidecar
 * from a real non-loopback address. The 10.x pair exists only between this host and the namespace;
 * nothing is routed anywhere else. `remove()` deletes both ends.
 */
export interface RemotePeer {
  /** Address of the host end: where the namespace reaches the sidecar. */
  hostAddress: string;
  /** Address the sidecar sees as the caller. */
  peerAddress: string;
  /** Runs a GET from inside the namespace (asynchronously: the sidecar may share this event loop). */
  get(url: string): Promise<{ status: number; body: string }>;
  remove(): void;
}

/** Creates the namespace, or returns the reason it cannot (no privileges, no iproute2). */
export function createRemotePeer(): RemotePeer | { skipReason: string } {
  const id = randomBytes(3).toString('hex');
  const namespace = `sidecar-test-${id}`;
  const hostEnd = `vh${id}`;
  const peerEnd = `vp${id}`;
  const octet = (parseInt(id.slice(0, 2), 16) % 200) + 20;
  const hostAddress = `10.213.${octet}.1`;
  const peerAddress = `10.213.${octet}.2`;
  const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });
  try {
    ip('netns', 'add', namespace);
  } catch (error) {
    return { skipReason: `cannot create a network namespace: ${firstLine(error)}` };
  }
  try {
    ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', peerEnd);
    ip('link', 'set', peerEnd, 'netns', namespace);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostEnd);
    ip('link', 'set', hostEnd, 'up');
    ip('netns', 'exec', namespace, 'ip', 'addr', 'add', `${peerAddress}/30`, 'dev', peerEnd);
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', peerEnd, 'up');
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    removeQuietly(namespace, hostEnd);
    return { skipReason: `cannot wire a veth pair: ${firstLine(error)}` };
  }
  return {
    hostAddress,
    peerAddress,
    get: (url) => getFromNamespace(namespace, url),
    remove: () => removeQuietly(namespace, hostEnd),
  };
}

// Node runs inside the namespace so the request really leaves from the peer address.
function getFromNamespace(namespace: string, url: string): Promise<{ status: number; body: string }> {
  const script =
    'fetch(process.argv[1], { signal: AbortSignal.timeout(5000) })' +
    '.then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.text() })))' +
    '.catch((e) => { console.log(JSON.stringify({ status: 0, body: String(e) })); })';
  return new Promise((resolve, reject) => {
    execFile(
      'ip',
      ['netns', 'exec', namespace, process.execPath, '-e', script, url],
      { timeout: 10_000 },
      (error, out) => {
        if (error) return reject(new Error(`request from ${namespace} failed: ${error.message}`));
        resolve(JSON.parse(out.trim()) as { status: number; body: string });
      },
    );
  });
}

function removeQuietly(namespace: string, hostEnd: string): void {
  for (const args of [
    ['link', 'del', hostEnd],
    ['netns', 'del', namespace],
  ]) {
    try {
      execFileSync('ip', args, { stdio: 'pipe' });
    } catch {
      // already gone: deleting the namespace also removes the veth pair
    }
  }
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return (stderr || (error instanceof Error ? error.message : String(error))).split('\n')[0];
}
