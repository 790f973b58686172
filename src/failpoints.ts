/**
 * Failure injection for the crash-safety tests: `RECON_FAILPOINT=name:N` makes the Nth hit of the named
 * point throw (or, with `name:N:kill`, kill the process at once with SIGKILL, as `kill -9` would). It is
 * read from the environment once and costs one integer comparison when unset.
 */
const spec = (process.env.RECON_FAILPOINT ?? '').split(':');
const target = spec[0] || null;
const at = Number(spec[1] ?? 0);
const kill = spec[2] === 'kill';
let hits = 0;

export function failpoint(name: string): void {
  if (target !== name) return;
  hits++;
  if (hits !== at) return;
  if (kill) process.kill(process.pid, 'SIGKILL');
  throw new Error(`failpoint ${name}:${at} triggered`);
}
