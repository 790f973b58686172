import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { recogniseHeader, type RecognisedHeader } from './header-map.js';
import { toEmployeeRow } from './employee-row.js';
import { toPaymentRow } from './payment-row.js';
import { READ_BATCH, READ_BATCH_CHARS, READ_IN_FLIGHT, type ReadJob, type ReadMessage, type ReadRequest } from './read-messages.js';
import { ReadBatchWriter } from './read-batch.js';
import { RecordFramer } from './record-framer.js';
import { toRosterRow } from './roster-row.js';
import { textDecoder, UndecodableError } from './text-decoder.js';
import { ackedSender } from '../base/worker-messages.js';
import { failpoint, restartFailpointCount } from '../base/failpoints.js';

/**
 * The read half of ingesting a file, on a worker thread so that it runs on the second core while the main
 * thread stores (docs/performance.md): bytes → decoder → framer → fields → header → validation. Pure of
 * the database: it sends items in file order and waits for acknowledgements to keep a few batches in
 * flight. Decisions that need the database (repeat, conflict, update) stay on the main thread. One thread
 * reads the night's files, one at a time, as it is asked (read-thread.ts): a file's state is local to `read`.
 */
const port = parentPort!;
const post = ackedSender<ReadMessage>(port, READ_IN_FLIGHT);

async function read(job: ReadJob): Promise<ReadMessage> {
  const framer = new RecordFramer();
  const decoder = textDecoder(job.encoding);
  let header: RecognisedHeader | null = null;
  const batch = new ReadBatchWriter();
  let bytesRead = 0;
  // The bytes parsed, hashed as they are read: the main thread compares them with the scan's (ingest-file.ts).
  const hash = createHash('sha256');
  // Reads the framed records so far, posting a batch each READ_BATCH records; a failure ends the file.
  const drain = async (): Promise<ReadMessage | null> => {
    for (let e = framer.nextEvent(); e; e = framer.nextEvent()) {
      failpoint('read-record');
      if (batch.records >= READ_BATCH || batch.chars >= READ_BATCH_CHARS) await post({ type: 'records', records: batch.take(), bytesRead });
      if (e.type === 'malformed') {
        batch.malformed(e.line, e.raw, e.detail);
      } else if (e.type === 'oversized') {
        batch.reject(e.line, e.raw, { reason: 'OVERSIZED_ROW', detail: e.detail });
      } else if (header === null) {
        header = recogniseHeader(e.fields);
        if (!header.ok) return { type: 'failed', reason: 'UNRECOGNISED_FILE', detail: header.detail };
        batch.header(header.kind, header.map.extra);
      } else if (header.ok && header.kind === 'payments') {
        const r = toPaymentRow(e.fields, header.map, job.today);
        if ('reject' in r) batch.reject(e.line, e.raw, r.reject);
        else batch.payment(e.line, e.raw, r.row);
      } else if (header.ok && header.kind === 'roster') {
        const r = toRosterRow(e.fields, header.map, job.today);
        if ('reject' in r) batch.reject(e.line, e.raw, r.reject);
        else batch.roster(e.line, e.raw, r.row);
      } else if (header.ok) {
        const r = toEmployeeRow(e.fields, header.map, job.today);
        if ('reject' in r) batch.reject(e.line, e.raw, r.reject);
        else batch.employee(e.line, e.raw, r.row);
      }
    }
    return null;
  };
  try {
    for await (const chunk of createReadStream(job.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      hash.update(chunk);
      framer.write(decoder.write(chunk));
      const failed = await drain();
      if (failed) return failed;
    }
    framer.write(decoder.end());
    framer.end();
    const failed = await drain();
    if (failed) return failed;
    if (batch.records > 0) await post({ type: 'records', records: batch.take(), bytesRead });
  } catch (err) {
    if (err instanceof UndecodableError) return { type: 'failed', reason: 'UNDECODABLE_FILE', detail: `the file holds ${err.message}` };
    throw err;
  }
  return { type: 'end', blankLines: framer.blankLines, headerSeen: header !== null, sha256: hash.digest('hex'), bytes: bytesRead };
}

// A file's last message once it is read; a failure thrown here (a bug, a failpoint) is an unhandled
// rejection, which ends the thread as an uncaught error did: the main thread rejects that file (ingest-file.ts).
port.on('message', async (m: ReadRequest | 'ack') => {
  if (m === 'ack') return; // ackedSender's
  restartFailpointCount();
  port.postMessage(await read(m.job));
});
