import { Worker } from 'node:worker_threads';
import { messagesOf } from '../base/worker-messages.js';
import type { ReadJob, ReadMessage, ReadRequest } from './read-messages.js';

/** Thrown by `ReadThread.read` when the reader thread itself failed (out of memory, a bug): the file's problem, not the night's. */
export class ReaderFailed extends Error {
  constructor(readonly failure: NodeJS.ErrnoException) {
    super(failure.message);
  }
}

/**
 * The night's read worker (read-worker.ts): one thread reads the night's files one after another, rather
 * than a thread started per file. Starting a thread costs 165-370 ms on a 2-core machine: a night of eight
 * small files spent about 2 s of its 5 starting readers, and so did every test's run (docs/performance.md,
 * "Session 14: CI's time").
 *
 * A thread is reused only from where a file left it idle: after the file's last message ('end' or
 * 'failed'), every batch before it acknowledged. A file left half-read (an error of this thread, a stop
 * request) or a thread that failed or exited has the thread terminated, and the next file starts a new one;
 * so a file never meets a thread in another file's state, and a reader that dies still costs only its file.
 * Each `read` listens to the thread only while it runs (messagesOf detaches its listeners when it ends).
 */
export class ReadThread {
  private worker: Worker | null = null;
  private failure: Error | null = null;

  /** The messages of one file's reading, up to its last ('end' or 'failed'); the caller acknowledges each batch ('ack', `ack()`). */
  async *read(job: ReadJob): AsyncGenerator<ReadMessage> {
    const worker = this.worker ?? this.start();
    let idle = false;
    try {
      worker.postMessage({ type: 'read', job } satisfies ReadRequest);
      for await (const message of messagesOf<ReadMessage>(worker, (m) => m.type !== 'records')) {
        idle = message.type !== 'records';
        yield message;
      }
    } catch (err) {
      if (err === this.failure) throw new ReaderFailed(err as NodeJS.ErrnoException);
      throw err;
    } finally {
      if (!idle) await this.close();
    }
  }

  /** Tells the reader that a batch is stored: it may send another (read-messages.ts, READ_IN_FLIGHT). */
  ack(): void {
    this.worker?.postMessage('ack');
  }

  /** Ends the thread, if there is one; the next `read` starts another. Called after the night's last file too. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./read-worker.js', import.meta.url), {
      // The worker holds one 1 MiB chunk and a few batches: a small heap keeps the run's memory flat. 64, not
      // 48: a 40 MB file with bare-CR line ends and 5 KB rows (test/e2e/ingest.cr-line-ends) needs between 32
      // and 48 MB of old generation (32 fails every time), and under a loaded machine 48 failed about one run
      // in three (ERR_WORKER_OUT_OF_MEMORY, the file rejected whole). Why the CR path holds that much is open
      // (docs/performance.md, "What is left"). A file's batches are garbage once it ends: the next file
      // starts with the same room.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    });
    // Kept for the thread's life, also while it is idle between two files: an error event without a listener would end the process.
    worker.on('error', (err) => { this.failure = err; });
    worker.on('exit', () => { if (this.worker === worker) this.worker = null; });
    this.failure = null;
    this.worker = worker;
    return worker;
  }
}
