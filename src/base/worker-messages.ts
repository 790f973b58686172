import type { MessagePort, Worker } from 'node:worker_threads';
import { onStopRequest } from './stop-request.js';

/**
 * A worker thread's messages as an async iterable, ending after the message `isLast` accepts. A worker
 * error rejects it; a worker that exits before its last message ends it early (the caller treats that as
 * a failure). Used by the two workers of a run: the ingest read worker and the reconcile worker. A stop
 * request (stop-request.ts: SIGTERM, SIGINT) rejects it too, at once, even while it waits: the caller
 * terminates the worker and its transaction rolls back. Its listeners on the worker are removed when it
 * ends, so that a worker kept for more work (the night's reader, read-thread.ts) does not gather them.
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
  const onMessage = (m: M) => { queue.push(m); notify(); };
  const onError = (err: Error) => { failure = err; notify(); };
  const onExit = () => { done = true; notify(); };
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
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
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
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
