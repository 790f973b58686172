/**
 * Failure injection for the crash-safety tests: `RECON_FAILPOINT=name:N` makes the Nth hit of the named
 * point throw; `name:N:kill` kills the process at once with SIGKILL, as `kill -9` would; `name:N:pause`
 * prints `failpoint name:N paused` on stderr and stops there (the thread sleeps, holding whatever it
 * holds), so that a test can run a second process against it, then `kill -9` it from outside;
 * `name:N:sleep:MS` prints the same line, sleeps MS milliseconds and carries on, so that a test can change
 * something under the run (e.g. append to a file between its scan and its read) and see what it does;
 * `name:N:oom` allocates until the heap is exhausted (in a worker thread: the worker dies out of memory);
 * `name:N:uncaught` throws on the next turn of the event loop, where nothing catches it (a bug's uncaught
 * exception), and carries on; `name:N:rejection` leaves a rejected promise unhandled, likewise. It is read
 * from the environment once and costs one integer comparison when unset.
 */
const spec = (process.env.RECON_FAILPOINT ?? '').split(':');
const target = spec[0] || null;
const at = Number(spec[1] ?? 0);
const mode = spec[2] ?? 'throw';
const sleepMs = Number(spec[3] ?? 0);
let hits = 0;

/**
 * Counts again from 0, as a fresh thread would: the ingest's reader thread reads a night's files one after
 * another (ingest/read-thread.ts) and calls this before each, so that `read-record:N` is still a file's Nth record.
 */
export function restartFailpointCount(): void {
  hits = 0;
}

export function failpoint(name: string): void {
  if (target !== name) return;
  hits++;
  if (hits !== at) return;
  if (mode === 'kill') process.kill(process.pid, 'SIGKILL');
  if (mode === 'sleep') {
    process.stderr.write(`failpoint ${name}:${at} paused\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, sleepMs);
    return;
  }
  if (mode === 'uncaught') {
    setImmediate(() => { throw new Error(`failpoint ${name}:${at} uncaught`); });
    return;
  }
  if (mode === 'rejection') {
    void Promise.reject(new Error(`failpoint ${name}:${at} rejection`));
    return;
  }
  if (mode === 'oom') {
    // Small arrays, as a real leak grows: the heap limit is reached gradually, not by one huge allocation.
    const hog: number[][] = [];
    for (;;) hog.push(new Array<number>(1000).fill(hog.length));
  }
  if (mode === 'pause') {
    process.stderr.write(`failpoint ${name}:${at} paused\n`);
    // Blocks the whole process (timers and I/O too) for up to ten minutes: it stays exactly where it is.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600_000);
  }
  throw new Error(`failpoint ${name}:${at} triggered`);
}
