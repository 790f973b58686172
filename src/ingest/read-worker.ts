import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { recogniseHeader, type RecognisedHeader } from './header-map.js';
import { toPaymentRow } from './payment-row.js';
import { READ_BATCH, READ_IN_FLIGHT, type ReadItem, type ReadJob, type ReadMessage } from './read-messages.js';
import { RecordFramer } from './record-framer.js';
import { toRosterRow } from './roster-row.js';
import { textDecoder, UndecodableError } from './text-decoder.js';
import { ackedSender } from '../worker-messages.js';

/**
 * The read half of ingesting a file, on a worker thread so that it runs on the second core while the main
 * thread stores (docs/performance.md): bytes → decoder → framer → fields → header → validation. Pure of
 * the database: it sends items in file order and waits for acknowledgements to keep a few batches in
 * flight. Decisions that need the database (repeat, conflict, update) stay on the main thread.
 */
const job = workerData as ReadJob;
const port = parentPort!;
const post = ackedSender<ReadMessage>(port, READ_IN_FLIGHT);
const send = (items: ReadItem[], bytesRead: number) => post({ type: 'items', items, bytesRead });

async function read(): Promise<ReadMessage> {
  const framer = new RecordFramer();
  const decoder = textDecoder(job.encoding);
  let header: RecognisedHeader | null = null;
  const items: ReadItem[] = [];
  let bytesRead = 0;
  const drain = (): ReadMessage | null => {
    for (let e = framer.nextEvent(); e; e = framer.nextEvent()) {
      if (e.type === 'malformed') {
        items.push({ t: 'malformed', line: e.line, raw: e.raw, detail: e.detail });
      } else if (header === null) {
        header = recogniseHeader(e.fields);
        if (!header.ok) return { type: 'failed', reason: 'UNRECOGNISED_FILE', detail: header.detail };
        items.push({ t: 'header', kind: header.kind, extra: header.map.extra });
      } else if (header.ok && header.kind === 'payments') {
        const r = toPaymentRow(e.fields, header.map, job.today);
        items.push('reject' in r ? { t: 'reject', line: e.line, raw: e.raw, reject: r.reject } : { t: 'payment', line: e.line, raw: e.raw, row: r.row });
      } else if (header.ok) {
        const r = toRosterRow(e.fields, header.map, job.today);
        items.push('reject' in r ? { t: 'reject', line: e.line, raw: e.raw, reject: r.reject } : { t: 'roster', line: e.line, raw: e.raw, row: r.row });
      }
    }
    return null;
  };
  const flush = async (all: boolean) => {
    while (items.length >= READ_BATCH || (all && items.length > 0)) {
      await send(items.splice(0, READ_BATCH), bytesRead);
    }
  };
  try {
    for await (const chunk of createReadStream(job.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      framer.write(decoder.write(chunk));
      const failed = drain();
      if (failed) return failed;
      await flush(false);
    }
    framer.write(decoder.end());
    framer.end();
    const failed = drain();
    if (failed) return failed;
    await flush(true);
  } catch (err) {
    if (err instanceof UndecodableError) return { type: 'failed', reason: 'UNDECODABLE_FILE', detail: `the file holds ${err.message}` };
    throw err;
  }
  return { type: 'end', blankLines: framer.blankLines, headerSeen: header !== null };
}

port.postMessage(await read());
