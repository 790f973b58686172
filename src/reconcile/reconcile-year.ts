import { sql } from 'kysely';
import { Worker } from 'node:worker_threads';
import type { Appender, Db } from '../db/open-database.js';
import { RECON_DUPLICATES, RECON_REFUNDS, RECON_RESULTS } from '../db/result-shapes.js';
import { nowInShanghai } from '../normalise/dates.js';
import type { PolicySet } from '../policy/policy-set.js';
import { RegionSpillWriter, type SpillTarget } from '../export/region-spill.js';
import { failpoint } from '../failpoints.js';
import { ensureReconcileIndex } from '../ingest/bulk-load.js';
import type { DuplicateEntry } from './person-facts.js';
import { messagesOf } from '../worker-messages.js';
import type { ReconcileJob, ReconcileMessage } from './reconcile-messages.js';
import { pairsInBlock, type BlockMember } from './possible-duplicates.js';

/** `tooManyPayments`: persons past MAX_PAYMENTS_PER_PERSON (person-stream.ts), reported as TOO_MANY_PAYMENTS. */
export type ReconcileSummary = {
  year: number; asOf: string; persons: number; rows: number; refunds: number; duplicates: number; tooManyPayments: number;
};

/** Persons read between two progress calls (`onProgress` gets the number read so far). */
const PROGRESS_EVERY = 5000;

/** Raised when the results do not balance with the staging data: the run stops (exit 1). */
export class ReconcileInvariantError extends Error {}

/**
 * Reconciles coverage year `year` as of `asOf` and replaces that year's results, in one transaction
 * (a crash leaves the previous results). A worker thread (reconcile-worker.ts) reads person by person on
 * connections of its own and applies the rules, which are pure functions (reconcile-person.ts); this
 * thread writes the rows it sends, so reading and writing use both cores. SQL does the set work
 * (ordering, blocking, the invariant sums). With `spill` (`recon run`), this thread also writes
 * reconciliation.csv's lines into that folder as it stores the rows (export/region-spill.ts): the worker
 * is the busier of the two. The lines are final once this returns.
 */
export async function reconcileYear(
  db: Db, policies: PolicySet, year: number, asOf: string, onProgress: (persons: number) => void = () => {},
  spill: SpillTarget | null = null,
): Promise<ReconcileSummary> {
  const k = db.kysely;
  const summary: ReconcileSummary = { year, asOf, persons: 0, rows: 0, refunds: 0, duplicates: 0, tooManyPayments: 0 };
  // The worker reads the payments through this index; a run killed during a bulk load left it missing.
  await ensureReconcileIndex(db);
  await db.transaction(async () => {
    for (const table of ['recon_results', 'recon_refunds', 'recon_duplicates'] as const) {
      await k.deleteFrom(table).where('coverage_year', '=', year).execute();
    }
    const write = writers(db, year);
    const lines = spill ? new RegionSpillWriter(spill) : null;
    const worker = new Worker(new URL('./reconcile-worker.js', import.meta.url), {
      workerData: { target: db.target, year, asOf, policies: policies.toData() } satisfies ReconcileJob,
      // The worker holds a batch of each query, at most MAX_PAYMENTS_PER_PERSON payments of one person
      // (person-stream.ts) and PERSONS_PER_MESSAGE persons' rows: a small heap keeps the run's memory flat
      // (the same cap as the ingest read worker).
      resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 },
    });
    try {
      let ended = false;
      let reported = 0;
      for await (const m of messagesOf<ReconcileMessage>(worker, (x) => x.type === 'end')) {
        if (m.type === 'end') {
          ended = true;
          summary.tooManyPayments = m.tooManyPayments;
          break;
        }
        await write.values(m);
        lines?.add(m.results);
        worker.postMessage('ack');
        summary.persons += m.persons;
        summary.rows += m.results.length;
        summary.refunds += m.refunds.length;
        summary.duplicates += m.duplicates.length;
        for (let i = 0; i < m.persons; i++) failpoint('reconcile-person');
        if (m.visited - reported >= PROGRESS_EVERY) onProgress((reported = m.visited));
      }
      if (!ended) throw new Error('the reconcile worker stopped before the end of the persons');
    } finally {
      await worker.terminate();
    }
    await write.flush();
    lines?.flush();
    if (lines && lines.rows !== summary.rows) throw new Error(`${lines.rows} reconciliation lines written for ${summary.rows} result rows`);
    summary.duplicates += await findPossibleDuplicates(db, write, year);
    await write.flush();
    await checkInvariants(db, year);
    await k.deleteFrom('reconciliations').where('coverage_year', '=', year).execute();
    await k.insertInto('reconciliations').values({
      coverage_year: year, as_of: asOf, reconciled_at: nowInShanghai(), persons: summary.persons,
      result_rows: summary.rows, policy_sources: JSON.stringify(policies.sources.map((s) => ({ file: s.file.split('/').pop(), sha256: s.sha256, origin: s.origin }))),
      policy_set: JSON.stringify(policies.toData()),
    }).execute();
  });
  return summary;
}

/** The writers of the results layer: one appender per table, rows as their row shape's values. */
function writers(db: Db, year: number) {
  const results = db.appender(RECON_RESULTS);
  const refunds = db.appender(RECON_REFUNDS);
  const duplicates = db.appender(RECON_DUPLICATES);
  const addAll = async (appender: Appender, rows: unknown[][]) => {
    for (const row of rows) {
      const writing = appender.add(row);
      if (writing) await writing; // only when a chunk is being sent (PostgreSQL): no await per row
    }
  };
  return {
    duplicate: (d: DuplicateEntry) => duplicates.add(RECON_DUPLICATES.values(d, year)),
    /** Writes one message of the worker's rows. */
    async values(m: { results: unknown[][]; refunds: unknown[][]; duplicates: unknown[][] }) {
      await addAll(results, m.results);
      await addAll(refunds, m.refunds);
      await addAll(duplicates, m.duplicates);
    },
    flush: async () => { for (const a of [results, refunds, duplicates]) await a.flush(); },
  };
}

/**
 * Rule 8: the blocks (same name and birth date) that hold two or more ID numbers are found by SQL (one
 * GROUP BY over the year's rows), and only their rows are read, in (name, birth date, ID) order, to be
 * paired in code within each block. Reading every row of the year in that order instead cost a sort plus a
 * million rows made into JS values (≈ 3 s at one million persons against ≈ 2 s; docs/performance.md).
 */
async function findPossibleDuplicates(db: Db, write: { duplicate(d: DuplicateEntry): Promise<void> | void }, year: number): Promise<number> {
  const k = db.kysely;
  const birth = sql<string>`substr(id_number, 7, 8)`;
  const rBirth = sql<string>`substr(r.id_number, 7, 8)`;
  const blocks = k
    .selectFrom('recon_results')
    .select(['name', birth.as('birth')])
    .where('coverage_year', '=', year)
    .groupBy(['name', birth])
    .having((eb) => eb(eb.fn.min('id_number'), '<>', eb.fn.max('id_number')));
  const persons = k
    .selectFrom('recon_results as r')
    .innerJoin(blocks.as('b'), (j) => j.onRef('b.name', '=', 'r.name').on(rBirth, '=', sql.ref('b.birth')))
    .select(['r.name', 'r.id_number', rBirth.as('birth')])
    .where('r.coverage_year', '=', year)
    .orderBy('r.name').orderBy(rBirth).orderBy('r.id_number');
  // Read on the writer's connection (the results are in its open transaction); the pairs, which are few,
  // are written once the read is done, since nothing else may run on that connection meanwhile.
  const pairs: DuplicateEntry[] = [];
  let block: BlockMember[] = [];
  let key = '';
  const flush = () => {
    if (block.length > 1) pairs.push(...pairsInBlock(block));
    block = [];
  };
  for await (const rows of db.writerBatches(persons, 5000)) {
    for (const m of rows) {
      const k2 = `${m.name}\u0000${m.birth}`;
      if (k2 !== key) {
        flush();
        key = k2;
      }
      // A person with rows in two regions appears twice in a row; pair each ID number once.
      if (block.at(-1)?.idNumber !== m.id_number) block.push({ idNumber: m.id_number, name: m.name });
    }
  }
  flush();
  for (const d of pairs) {
    const writing = write.duplicate(d);
    if (writing) await writing;
  }
  return pairs.length;
}

/**
 * Checks after the results layer (a violation stops the run, nothing is committed):
 * collected amounts over result rows = accepted payment amounts for the year; every refund belongs to a
 * result row and each row's refund_due equals its refunds; each person has at most one primary row.
 */
export async function checkInvariants(db: Db, year: number): Promise<void> {
  const k = db.kysely;
  const paid = await k.selectFrom('payments').select(sql<number>`coalesce(sum(amount_fen), 0)`.as('s')).where('coverage_year', '=', year).executeTakeFirstOrThrow();
  // One scan of the year's result rows serves two checks: the collected total, and the rows owing a refund
  // whose refunds sum to something else (a subquery only for those few rows).
  const rowRefunds = sql<number>`(select coalesce(sum(f.amount), 0) from recon_refunds f
    where f.coverage_year = r.coverage_year and f.id_number = r.id_number and f.region_code = r.region_code)`;
  const rows = await k
    .selectFrom('recon_results as r')
    .select([
      sql<number>`coalesce(sum(r.collected_personal + r.collected_assistance), 0)`.as('collected'),
      sql<number>`coalesce(sum(case when r.refund_due <> 0 and ${rowRefunds} <> r.refund_due then 1 else 0 end), 0)`.as('owing'),
    ])
    .where('r.coverage_year', '=', year)
    .executeTakeFirstOrThrow();
  if (Number(paid.s) !== Number(rows.collected)) {
    throw new ReconcileInvariantError(`collected ${rows.collected} fen over result rows != ${paid.s} fen of accepted payments for ${year}`);
  }
  const orphan = await k
    .selectFrom('recon_refunds as f')
    .leftJoin('recon_results as r', (j) =>
      j.onRef('r.coverage_year', '=', 'f.coverage_year').onRef('r.id_number', '=', 'f.id_number').onRef('r.region_code', '=', 'f.region_code'))
    .select(sql<number>`count(*)`.as('n'))
    .where('f.coverage_year', '=', year)
    .where('r.id_number', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(orphan.n) > 0) throw new ReconcileInvariantError(`${orphan.n} refunds match no result row`);
  // refund_due = the sum of the row's refunds, for every row. Checked from both sides, so that neither side
  // needs a join for every one of a million rows: rows owing something against their refunds (above), and
  // refund groups against their row, looked up by its key (a row with refunds but refund_due 0 fails here).
  const refundSums = k
    .selectFrom('recon_refunds')
    .select(['id_number', 'region_code', sql<number>`sum(amount)`.as('s')])
    .where('coverage_year', '=', year)
    .groupBy(['id_number', 'region_code']);
  const refunded = await k
    .selectFrom(refundSums.as('f'))
    .select(sql<number>`count(*)`.as('n'))
    .where(sql<boolean>`f.s <> (select r.refund_due from recon_results r
      where r.coverage_year = ${year} and r.region_code = f.region_code and r.id_number = f.id_number)`)
    .executeTakeFirstOrThrow();
  if (Number(rows.owing) + Number(refunded.n) > 0) {
    throw new ReconcileInvariantError(`refund_due differs from the refunds: ${rows.owing} rows against their refunds, ${refunded.n} refund groups against their rows`);
  }
  const primaries = await k
    .selectFrom('recon_results')
    .select(['id_number'])
    .where('coverage_year', '=', year)
    .where('is_primary', '=', 1)
    .groupBy('id_number')
    .having(sql`count(*)`, '>', 1)
    .execute();
  if (primaries.length > 0) throw new ReconcileInvariantError(`${primaries.length} persons have more than one primary row`);
}
