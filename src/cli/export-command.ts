import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database.js';
import { exportOutputs, latestReconciledYear } from '../export/export-outputs.js';
import { EXIT, UsageError } from './errors.js';
import { databasePath } from './options.js';
import { version } from './version.js';
import { asOfDate, coverageYear } from './year-options.js';

export const EXPORT_HELP = `recon export --out DIR [--db FILE] [--year Y] [--lang en|zh]
  Writes reconciliation.csv, refunds.csv, duplicates.csv, rejects.csv, region_summary.csv and manifest.json.`;

export function langOption(flag: string | undefined): 'en' | 'zh' {
  if (flag === undefined || flag === 'en' || flag === 'zh') return flag ?? 'en';
  throw new UsageError(`--lang must be en or zh, got "${flag}"`);
}

export async function exportCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, lang: { type: 'string' } },
  });
  if (!values.out) throw new UsageError('recon export needs --out DIR');
  const lang = langOption(values.lang);
  const db = await openDatabase(databasePath(values.db));
  try {
    // Default year: the one reconciled most recently (export follows reconcile), not today's season.
    const year = values.year !== undefined ? coverageYear(values.year, asOfDate(undefined)) : await latestReconciledYear(db);
    const s = await exportOutputs(db, { outDir: values.out, year, lang, toolVersion: version() });
    for (const f of s.files) out.write(`${f.name.padEnd(20)} ${String(f.rows).padStart(8)} rows\n`);
    return s.manifest.outcome === 'done' ? EXIT.done : EXIT.fileRejected;
  } finally {
    await db.close();
  }
}
