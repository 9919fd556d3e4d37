import { freePort } from './built-sidecar';
import { type RedisProcess, type RedisProcessGroup, waitUntil } from './redis-processes';

/** A loopback Redis Cluster: masters with one replica each, built without redis-cli. */
export interface TestRedisCluster {
  /** `host:port` of every master, comma-separated (the `ClusterNodes` value). */
  readonly nodes: string;
  /** Every process of the cluster, masters and replicas. */
  readonly processes: readonly RedisProcess[];
  /** The master that serves `key`'s slot now. */
  masterOf(key: string): Promise<RedisProcess>;
  /**
   * Kills `master` (SIGKILL) and resolves once its replica has taken over for every surviving node and the
   * cluster is ok again (after `cluster-node-timeout` and an election).
   */
  crash(master: RedisProcess): Promise<RedisProcess>;
}

const SLOTS = 16_384;

/** Starts `masters` cluster nodes and one replica each, assigns the slots evenly and waits for `cluster_state:ok`. */
export async function startRedisCluster(group: RedisProcessGroup, masters = 3): Promise<TestRedisCluster> {
  const all = await Promise.all(Array.from({ length: masters * 2 }, () => startNode(group)));
  const primaries = all.slice(0, masters);
  const replicas = all.slice(masters);
  const ids = new Map<RedisProcess, string>();
  for (const node of all) ids.set(node, String(await node.admin().call('CLUSTER', 'MYID')));

  const per = Math.ceil(SLOTS / masters);
  await Promise.all(
    primaries.map((node, i) =>
      node.admin().call('CLUSTER', 'ADDSLOTSRANGE', i * per, Math.min(SLOTS, (i + 1) * per) - 1),
    ),
  );
  const seed = all[0].admin();
  for (const node of all.slice(1)) await seed.call('CLUSTER', 'MEET', '127.0.0.1', node.port, node.busPort);
  await waitUntil('every node to know every other', async () =>
    (await Promise.all(all.map(async (node) => knownNodes(node)))).every((count) => count === all.length),
  );
  await Promise.all(
    replicas.map((node, i) => node.admin().call('CLUSTER', 'REPLICATE', ids.get(primaries[i])!)),
  );
  await waitUntil(
    'the cluster to be ok with its replicas in sync',
    async () => {
      const states = await Promise.all(all.map((node) => node.admin().call('CLUSTER', 'INFO')));
      const links = await Promise.all(replicas.map((node) => node.admin().info('replication')));
      return (
        states.every((info) => String(info).includes('cluster_state:ok')) &&
        links.every((info) => info.includes('master_link_status:up'))
      );
    },
    20_000,
  );

  const byPort = (port: number) => all.find((node) => node.port === port)!;
  const replicaOf = new Map<RedisProcess, RedisProcess>(primaries.map((node, i) => [node, replicas[i]]));
  return {
    processes: all,
    nodes: primaries.map((node) => `127.0.0.1:${node.port}`).join(','),
    masterOf: async (key) => {
      const slot = Number(await seed.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await seed.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
      const owner = ranges.find(([start, end]) => slot >= start && slot <= end)!;
      return byPort(Number(owner[2][1]));
    },
    crash: async (master) => {
      const replica = replicaOf.get(master);
      if (replica === undefined) throw new Error(`no replica for ${master.port}`);
      await master.kill();
      const survivors = all.filter((node) => node !== master);
      await waitUntil(
        'the replica to be master for every surviving node, and the cluster ok',
        async () => {
          const views = await Promise.all(survivors.map((node) => node.admin().call('CLUSTER', 'NODES')));
          const states = await Promise.all(survivors.map((node) => node.admin().call('CLUSTER', 'INFO')));
          return (
            views.every((view) => roleIn(String(view), replica.port) === 'master') &&
            states.every((info) => String(info).includes('cluster_state:ok'))
          );
        },
        20_000,
      );
      return replica;
    },
  };
}

async function knownNodes(node: RedisProcess): Promise<number> {
  const view = String(await node.admin().call('CLUSTER', 'NODES'));
  return view.split('\n').filter((line) => line.trim() !== '' && !line.includes('handshake')).length;
}

/** `master` or `slave`: what a `CLUSTER NODES` view says of the node on `port`. */
function roleIn(view: string, port: number): string | undefined {
  const line = view.split('\n').find((entry) => entry.split(' ')[1]?.startsWith(`127.0.0.1:${port}@`));
  return line
    ?.split(' ')[2]
    .split(',')
    .find((flag) => flag === 'master' || flag === 'slave');
}

type ClusterNode = RedisProcess & { readonly busPort: number };

async function startNode(group: RedisProcessGroup): Promise<ClusterNode> {
  // The bus port is chosen too: the default (port + 10000) may be taken or beyond 65535.
  const busPort = await freePort();
  const node = await group.start([
    '--cluster-enabled',
    'yes',
    '--cluster-port',
    String(busPort),
    '--cluster-config-file',
    `nodes-${busPort}.conf`,
    '--cluster-node-timeout',
    '2000',
  ]);
  return { ...node, busPort };
}
