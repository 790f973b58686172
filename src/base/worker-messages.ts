import type { MessagePort, Worker } from 'node:worker_threads';
import { onStopRequest } from './stop-request.js';

/**
 * A worker thread's messages as an async iterable, ending after the message `isLast` accepts. A worker
 * error rejects it; a worker that exits before its last message ends it early (the caller treats that as
 * a failure). Used by the two workers of a run: the ingest read worker and the reconcile worker. A stop
 * request (stop-request.ts: SIGTERM, SIGINT) rejects it too, at once, even while it waits: the caller
 * terminates the worker and its transaction rolls back.
 */
export async function* messagesOf<M>(worker: Worker, isLast: (m: M) => boolean): AsyncGenerator<M> {
  const queue: M[] = [];
  let failure: Error | null = null;
  let done = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: M) => { queue.push(m); notify(); });
  worker.on('error', (err) => { failure = err; notify(); });
  worker.on('exit', () => { done = true; notify(); });
  let stop: Error | null = null;
  const unsubscribe = onStopRequest((why) => { stop = why; notify(); });
  try {
    for (;;) {
      if (stop) throw stop;
      if (queue.length > 0) {
        const m = queue.shift()!;
        yield m;
        if (isLast(m)) return;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    unsubscribe();
  }
}

/**
 * The sending half of the same protocol, in a worker: posts messages to the parent, first waiting while
 * `inFlight` of them are unacknowledged (the parent posts `'ack'` once it has handled one), so memory
 * stays flat however much faster the worker is than the parent.
 */
export function ackedSender<M>(port: MessagePort, inFlight: number): (message: M) => Promise<void> {
  let credits = inFlight;
  let wake: (() => void) | null = null;
  port.on('message', (m) => {
    if (m !== 'ack') return;
    credits++;
    wake?.();
    wake = null;
  });
  return async (message) => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    port.postMessage(message);
  };
}
