/**
 * A filesystem error as "<path>: <what> (<code>)", e.g. `/out/.latest.tmp-…/refunds.csv: no space left on
 * device (ENOSPC)`. Node's errors from streams and writes name no path (`ENOSPC: no space left on device,
 * write`), so the operator would not know which disk is full: every place that reads or writes a file the
 * run depends on wraps what it throws with this. Paths are the operator's (inbox file names, folders): never
 * personal data. Node's "<CODE>: <what>, <syscall> '<path>'" loses its code and syscall prefix and suffix.
 */
export function fileError(path: string, err: unknown, what?: string): Error {
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e !== 'object' || (!e.code && !what)) return err as Error; // not a filesystem error: as it is
  if ((e as { named?: boolean }).named) return e; // already named by an inner call
  const detail = what ?? (e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : nodeDetail(e));
  const named = new Error(`${path}: ${detail}${e.code && !detail.includes(e.code) ? ` (${e.code})` : ''}`, { cause: err });
  return Object.assign(named, { code: e.code, named: true });
}

/** "ENOSPC: no space left on device, write" → "no space left on device". */
function nodeDetail(e: NodeJS.ErrnoException): string {
  let m = e.message;
  if (e.code && m.startsWith(`${e.code}: `)) m = m.slice(e.code.length + 2);
  if (e.syscall) {
    const at = m.lastIndexOf(`, ${e.syscall}`);
    if (at > 0) m = m.slice(0, at);
  }
  return m;
}
