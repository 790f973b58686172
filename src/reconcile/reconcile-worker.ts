import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../db/open-database.js';
import { refundId } from '../db/refund-id.js';
import { RECON_DUPLICATES, RECON_HORIZONS, RECON_REFUNDS, RECON_RESULTS, RECON_SUSPENSIONS } from '../db/result-shapes.js';
import { PolicySet } from '../policy/policy-set.js';
import { mergePersons } from './merge-persons.js';
import { personStream } from './person-stream.js';
import type { PersonFacts } from './person-facts.js';
import { reconcilePerson } from './reconcile-person.js';
import { MESSAGES_IN_FLIGHT, PERSONS_PER_MESSAGE, type PersonsChunk, type ReconcileJob, type ReconcileMessage } from './reconcile-messages.js';
import { ackedSender } from '../base/worker-messages.js';

/**
 * The reconcile worker thread: reads every person of the year, or an incremental night's persons as the
 * writer hands them over (person-stream.ts, committed data, on connections of its own), and applies the
 * rules to each, sending the result rows, as flat value arrays, to the writer on the main thread. Reading and the rules run on one core while the writer inserts on
 * the other. The writer's transaction is not visible here, and need not be: it only deletes and
 * rewrites results, never the payments and roster read here.
 */
async function main(job: ReconcileJob): Promise<void> {
  const port = parentPort!;
  const policies = PolicySet.fromData(job.policies);
  const db = await openReader(job.target, { inIndexOrder: true }); // the person streams (person-stream.ts) read in index order
  // On Citus, each shard group read on its worker and merged by id_number (citus-shard-readers.ts). An
  // incremental night's persons (a chunk of them) are asked of every group: each finds those its shards hold.
  const shards = await db.shardReaders?.().catch(async (err: unknown) => {
    await db.close();
    throw err;
  }) ?? null;
  const streamOf = (only: string[] | null) => shards
    ? mergePersons(shards.readers.map((reader) => personStream(reader, job.year, job.asOf, undefined, only)))
    : personStream(db, job.year, job.asOf, undefined, only);
  const post = ackedSender<ReconcileMessage>(port, MESSAGES_IN_FLIGHT);
  let batch: Extract<ReconcileMessage, { type: 'results' }> = fresh(0);
  let visited = 0;
  let tooManyPayments = 0;
  const send = async () => {
    batch.visited = visited;
    const full = batch;
    batch = fresh(visited);
    await post(full);
  };
  /** Whether the batch holds rows to send: horizons too (the last persons read may all be without rows). */
  const held = () => batch.persons > 0 || batch.horizons.length > 0;
  const chunks = job.listed ? chunkRequests(port) : null;
  /**
   * An incremental night's persons, chunk by chunk as the writer hands them over, one chunk asked for ahead
   * so that the writer writes a chunk's rows while this thread reads the next. The rows of a chunk are sent
   * before the chunk after next is asked for: the writer takes that question as the end of the chunk
   * (reconcile-year.ts, ListedPersons).
   */
  async function* listedPersons(): AsyncGenerator<PersonFacts> {
    let next = chunks!();
    for (;;) {
      const ids = await next;
      if (ids.length === 0) return;
      if (held()) await send();
      next = chunks!();
      yield* streamOf(ids);
    }
  }
  const persons = job.listed ? listedPersons() : streamOf(null);
  try {
    for await (const person of persons) {
      visited++;
      if (person.tally) tooManyPayments++;
      const result = reconcilePerson(person, { policies, year: job.year, asOf: job.asOf });
      if (result.rows.length === 0) {
        if (result.holdsUntil !== null) batch.horizons.push(RECON_HORIZONS.values({ idNumber: person.idNumber, holdsUntil: result.holdsUntil }, job.year));
        continue;
      }
      batch.persons++;
      // As flat arrays of values (the shapes' `values`): they clone faster than nested objects.
      for (const r of result.rows) batch.results.push(RECON_RESULTS.values(r, job.year));
      for (const f of result.refunds) batch.refunds.push(RECON_REFUNDS.values(f, job.year, refundId(job.year, f.idNumber, f.regionCode, f.payee, f.reason)));
      for (const d of result.duplicates) batch.duplicates.push(RECON_DUPLICATES.values(d, job.year));
      for (const s of result.suspensions) batch.suspensions.push(RECON_SUSPENSIONS.values(s, job.year));
      if (batch.persons >= PERSONS_PER_MESSAGE) await send();
    }
    if (held()) await send();
    port.postMessage({ type: 'end', visited, tooManyPayments } satisfies ReconcileMessage);
  } finally {
    await shards?.close();
    await db.close();
  }
}

/** Asks the writer for the next chunk of persons; the promise is its answer (PersonsChunk). One question at a time. */
function chunkRequests(port: NonNullable<typeof parentPort>): () => Promise<string[]> {
  let answer: ((ids: string[]) => void) | null = null;
  port.on('message', (m: PersonsChunk | 'ack') => {
    if (m === 'ack' || m.type !== 'persons') return;
    answer?.(m.ids);
    answer = null;
  });
  return () => new Promise<string[]>((resolve) => {
    answer = resolve;
    port.postMessage({ type: 'next' } satisfies ReconcileMessage);
  });
}

function fresh(visited: number): Extract<ReconcileMessage, { type: 'results' }> {
  return { type: 'results', persons: 0, visited, results: [], refunds: [], duplicates: [], suspensions: [], horizons: [] };
}

await main(workerData as ReconcileJob);
