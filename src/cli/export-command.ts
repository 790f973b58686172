import { parseArgs } from 'node:util';
import { latestReconciledYear } from '../export/export-outputs.js';
import { exportStep } from '../run/steps.js';
import { withRun } from '../run/with-run.js';
import { recoverOut } from '../run/out-recovery.js';
import { EXIT } from '../base/recon-error.js';
import { groupOption } from './group-option.js';
import { stepReporter } from './log-option.js';
import { databasePath } from './options.js';
import { langOption } from './lang-option.js';
import { outOption } from './out-option.js';
import { targetsOption } from './targets-option.js';
import { asOfDate, coverageYear } from './year-options.js';

export const EXPORT_HELP = `recon export --out DIR [--db FILE|URL] [--year Y] [--lang en|zh] [--group NAME] [--targets FILE]
  Writes reconciliation.csv, refunds.csv, duplicates.csv, benefit_suspensions.csv, rejects.csv, region_summary.csv,
  workbook.xlsx (the auditor's workbook, in the --lang language), report.html (the collection-progress
  report, 征缴进度) and manifest.json.
  --out is replaced whole: it must be new, empty, or a folder recon wrote (it carries .premium-recon-out).
  --group NAME: the outputs readable by that group (0640/0750), as for recon run.
  --targets FILE: enrollment targets per region for report.html, as for recon run.`;

export async function exportCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, lang: { type: 'string' }, group: { type: 'string' }, targets: { type: 'string' } },
  });
  const lang = langOption(values.lang);
  const group = groupOption(values.group);
  const targets = targetsOption(values.targets);
  const db = databasePath(values.db);
  const outDir = outOption(values.out, { db });
  const parameters = { db, out: outDir, coverage_year: values.year ?? null, lang, group: group?.name ?? null, targets: values.targets ?? null };
  const report = stepReporter();
  recoverOut(outDir, report);
  const result = await withRun({ dbPath: parameters.db, create: false, command: 'export', parameters, report }, async (ctx) => {
    // Default year: the one reconciled most recently (export follows reconcile), not today's season.
    const year = values.year !== undefined ? coverageYear(values.year, asOfDate(undefined)) : await latestReconciledYear(ctx.db);
    const s = await exportStep(ctx, { out: outDir, year, lang, gid: group?.gid ?? null, targets });
    for (const f of s.files) out.write(`${f.name.padEnd(20)} ${String(f.rows).padStart(8)} ${lang === 'zh' ? '行' : 'rows'}\n`);
    return s.manifest.outcome === 'done' ? { status: 'done', exitCode: EXIT.done } as const : { status: 'done_with_rejected_files', exitCode: EXIT.fileRejected } as const;
  });
  return result.exitCode;
}
