import { Worker } from 'node:worker_threads';
import { failpoint } from '../base/failpoints.js';
import { messagesOf } from '../base/worker-messages.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { PersonsChunk, ReconcileJob, ReconcileMessage } from './reconcile-messages.js';
import type { ResultSink } from './result-sink.js';

/** Persons read between two progress calls (`onProgress` gets the number read so far). */
const PROGRESS_EVERY = 5000;

/** What the worker's persons came to (`persons`: with rows; `visited`: put through the rules). `tooManyPayments`: persons past MAX_PAYMENTS_PER_PERSON (person-stream.ts). */
export type PersonCounts = { persons: number; visited: number; rows: number; refunds: number; duplicates: number; tooManyPayments: number };

/**
 * Reconciles every person of coverage year `year`, or, with `listed`, the persons it hands over a chunk at a
 * time in id_number order (an empty chunk ends them; reconcile-year.ts): a worker thread (reconcile-worker.ts)
 * reads person by person on connections of its own and applies the rules, which are pure functions
 * (reconcile-person.ts); this thread puts the rows it sends into `sink`, so reading and writing use both
 * cores. Each message is acknowledged once written, so that memory stays flat however much faster the
 * worker is. The worker asks for chunk k+1 as it starts reading chunk k, once it has sent the rows of chunk
 * k−1: when `listed` is called, the rows of every chunk it handed over but the last are in `sink`.
 */
export async function reconcilePersons(
  target: string, policies: PolicySet, year: number, asOf: string, sink: ResultSink, onProgress: (persons: number) => void,
  listed: (() => Promise<string[]>) | null = null,
): Promise<PersonCounts> {
  const counts: PersonCounts = { persons: 0, visited: 0, rows: 0, refunds: 0, duplicates: 0, tooManyPayments: 0 };
  const worker = new Worker(new URL('./reconcile-worker.js', import.meta.url), {
    workerData: { target, year, asOf, policies: policies.toData(), listed: listed !== null } satisfies ReconcileJob,
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
        counts.tooManyPayments = m.tooManyPayments;
        counts.visited = m.visited;
        break;
      }
      if (m.type === 'next') {
        worker.postMessage({ type: 'persons', ids: await listed!() } satisfies PersonsChunk);
        continue;
      }
      const writing = sink.write(m);
      if (writing) await writing;
      worker.postMessage('ack');
      counts.persons += m.persons;
      counts.rows += m.results.length;
      counts.refunds += m.refunds.length;
      counts.duplicates += m.duplicates.length;
      for (let i = 0; i < m.persons; i++) failpoint('reconcile-person');
      if (m.visited - reported >= PROGRESS_EVERY) onProgress((reported = m.visited));
    }
    if (!ended) throw new Error('the reconcile worker stopped before the end of the persons');
  } finally {
    await worker.terminate();
  }
  return counts;
}
