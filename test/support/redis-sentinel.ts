import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './built-sidecar';
import { type RedisProcess, type RedisProcessGroup, waitUntil } from './redis-processes';

/** A master, its replica and one sentinel watching them, all on loopback. */
export interface TestRedisSentinel {
  /** `host:port` of the sentinel (the `Sentinels` value). */
  readonly sentinels: string;
  readonly masterName: string;
  /** `SENTINEL FAILOVER`; resolves once the sentinel names the replica and the replica acts as master. */
  failover(): Promise<void>;
}

const MASTER_NAME = 'tokens';

export async function startRedisSentinel(group: RedisProcessGroup): Promise<TestRedisSentinel> {
  const master = await group.start([]);
  const replica = await group.start(['--replicaof', '127.0.0.1', String(master.port)]);
  await waitUntil('the replica to sync', async () =>
    (await replica.admin().info('replication')).includes('master_link_status:up'),
  );
  // A sentinel rewrites its config file, so it gets its own in the temp directory. Quorum 1: one sentinel decides.
  const port = await freePort();
  const config = join(group.dir, `sentinel-${port}.conf`);
  writeFileSync(
    config,
    [
      `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${master.port} 1`,
      `sentinel down-after-milliseconds ${MASTER_NAME} 2000`,
      `sentinel failover-timeout ${MASTER_NAME} 10000`,
      '',
    ].join('\n'),
  );
  const sentinel = await group.start([config, '--sentinel'], { port });
  await waitUntil('the sentinel to know the replica', async () => {
    const replicas = (await sentinel.admin().call('SENTINEL', 'REPLICAS', MASTER_NAME)) as string[][];
    return replicas.length === 1 && flagsOf(replicas[0]) === 'slave';
  });

  const roles = [master, replica];
  return {
    sentinels: `127.0.0.1:${port}`,
    masterName: MASTER_NAME,
    failover: async () => {
      const next = roles[1];
      await sentinel.admin().call('SENTINEL', 'FAILOVER', MASTER_NAME);
      await waitUntil(
        'the sentinel to name the replica as master',
        async () =>
          (await isMaster(next)) &&
          Number(
            (
              (await sentinel.admin().call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER_NAME)) as string[]
            )[1],
          ) === next.port,
        15_000,
      );
      roles.reverse();
    },
  };
}

async function isMaster(node: RedisProcess): Promise<boolean> {
  const [role] = (await node.admin().call('ROLE')) as [string];
  return role === 'master';
}

// SENTINEL REPLICAS answers flat name/value lists.
function flagsOf(fields: string[]): string | undefined {
  const at = fields.indexOf('flags');
  return at === -1 ? undefined : fields[at + 1];
}
