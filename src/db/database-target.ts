import type { Engine } from './db.js';

/** `postgres://` or `postgresql://` selects PostgreSQL; anything else is a SQLite file path. */
export function engineOf(target: string): Engine {
  return /^postgres(ql)?:\/\//i.test(target) ? 'postgres' : 'sqlite';
}

/**
 * The database target as logs, run records and manifests may show it: a PostgreSQL URL loses its
 * password (a run record must not become a credential store).
 */
export function describeTarget(target: string): string {
  if (engineOf(target) !== 'postgres') return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
