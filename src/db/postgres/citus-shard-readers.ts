import type pg from 'pg';
import { OperationNodeTransformer, TableNode, type Kysely, type KyselyPlugin, type CompiledQuery } from 'kysely';
import type { Database } from '../database.js';
import type { ShardReaders } from '../db.js';
import { connect } from './postgres-client.js';
import { fetchBatches } from './server-cursor.js';

/** The tables the person stream reads (person-stream.ts), all distributed by id_number and co-located. */
const PERSON_TABLES = ['payments', 'roster_entries', 'employee_enrollments'] as const;

/** Rows held per cursor, across all shard groups: the reconcile worker's heap is small (reconcile-persons.ts). */
const ROWS_PER_READ = 4000;

/**
 * Shard-local readers of the person stream on a Citus coordinator (docs/scale-out.md): one per shard group
 * of PERSON_TABLES, whose queries go, on a connection to the worker that holds the group, to the shards
 * themselves (`payments_102008`), not to the distributed tables. A distributed query ordered by id_number
 * makes Citus read every shard whole into the coordinator and sort the year's rows there before the cursor
 * yields its first one; a shard's own query is an index scan on its worker that streams in that order, and
 * the caller merges the groups by id_number (reconcile/merge-persons.ts). Citus has no ordered merge of its
 * own, and prunes shards only by the distribution column's value, never by its hash range.
 *
 * The job reaches each worker at the address the coordinator uses (pg_dist_node), with the URL's user,
 * password, database and options: Citus requires the same role and database on every node. A worker the
 * job cannot reach fails the reconcile with its address. Each worker's connection reads in one read-only
 * snapshot, with every cursor of the groups it holds; the run lock keeps the ingest from writing meanwhile.
 * Null when the database is not a Citus coordinator (plain PostgreSQL keeps its one ordered read per table).
 */
export async function citusShardReaders(url: string, kysely: Kysely<Database>): Promise<ShardReaders | null> {
  const coordinator = await connect(url);
  let groups: ShardGroup[];
  try {
    const { rows: ext } = await coordinator.query<{ citus: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as citus`);
    if (!ext[0]!.citus) return null;
    groups = await shardGroups(coordinator);
  } finally {
    await coordinator.end();
  }
  const clients = new Map<string, pg.Client>();
  const close = async () => {
    for (const c of clients.values()) await c.end().catch(() => {});
  };
  try {
    for (const g of groups) {
      if (clients.has(g.node)) continue;
      const client = await connect(atNode(url, g.host, g.port)).catch((err: Error) => {
        throw new Error(`on Citus the reconcile reads each shard on its worker, and the worker ${g.node} cannot be reached (docs/scale-out.md): ${err.message}`);
      });
      clients.set(g.node, client);
      await client.query('begin isolation level repeatable read read only');
    }
  } catch (err) {
    await close();
    throw err;
  }
  const size = Math.max(250, Math.floor(ROWS_PER_READ / Math.max(1, groups.length)));
  let cursors = 0;
  const readers = groups.map((g) => {
    const client = clients.get(g.node)!;
    return {
      kysely: kysely.withPlugin(shardTables(g.schema, g.shardOf)),
      async *batches<R>(query: { compile(): CompiledQuery<R> }): AsyncGenerator<R[]> {
        const name = `recon_shard_${++cursors}`;
        try {
          yield* fetchBatches<R>(client, name, query.compile(), size);
        } finally {
          await client.query(`close ${name}`).catch(() => {});
        }
      },
    };
  });
  return { readers, close };
}

type ShardGroup = { schema: string; shardOf: Map<string, string>; node: string; host: string; port: number };

/**
 * The shard groups of PERSON_TABLES in hash-range order: co-located shards cover the same hash range and
 * are placed together (pg_dist_shard, pg_dist_placement, pg_dist_node; the primary of each group).
 */
async function shardGroups(coordinator: pg.Client): Promise<ShardGroup[]> {
  const { rows } = await coordinator.query<{ relname: string; schema: string; shard: string; min: number; host: string; port: number }>(`
    select c.relname, n.nspname as schema, c.relname || '_' || s.shardid as shard, s.shardminvalue::int as min,
      d.nodename as host, d.nodeport as port
    from pg_dist_shard s
    join pg_class c on c.oid = s.logicalrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_dist_placement p on p.shardid = s.shardid
    join pg_dist_node d on d.groupid = p.groupid and d.noderole = 'primary'
    where c.relname = any($1) and n.nspname = current_schema()
    order by min, c.relname`, [PERSON_TABLES]);
  const groups = new Map<number, ShardGroup>();
  for (const r of rows) {
    const node = `${r.host}:${r.port}`;
    let g = groups.get(r.min);
    if (!g) groups.set(r.min, (g = { schema: r.schema, shardOf: new Map(), node, host: r.host, port: r.port }));
    if (g.node !== node || g.shardOf.has(r.relname)) throw new Error(`the shards of ${PERSON_TABLES.join(', ')} are not co-located as the job distributed them (shard ${r.shard})`);
    g.shardOf.set(r.relname, r.shard);
  }
  for (const g of groups.values()) {
    if (g.shardOf.size !== PERSON_TABLES.length) throw new Error(`the shards of ${PERSON_TABLES.join(', ')} are not co-located as the job distributed them`);
  }
  return [...groups.values()];
}

/** Queries of the person stream's tables sent to one shard group's tables instead (they are named table_shardid on the worker). */
function shardTables(schema: string, shardOf: ReadonlyMap<string, string>): KyselyPlugin {
  const rename = new (class extends OperationNodeTransformer {
    protected override transformTable(node: TableNode): TableNode {
      const shard = shardOf.get(node.table.identifier.name);
      return shard && !node.table.schema ? TableNode.createWithSchema(schema, shard) : super.transformTable(node);
    }
  })();
  return { transformQuery: (args) => rename.transformNode(args.node), transformResult: async (args) => args.result };
}

/** `url` at a worker's host and port: the same user, password, database and options. */
function atNode(url: string, host: string, port: number): string {
  const u = new URL(url);
  u.hostname = host;
  u.port = String(port);
  return u.toString();
}
