import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runNightly } from '../run/run-job.js';
import { formatSummary } from '../run/run-summary.js';
import { UsageError } from '../base/recon-error.js';
import { langOption } from './lang-option.js';
import { logFormat, runReporter } from './log-option.js';
import { groupOption } from './group-option.js';
import { databasePath, maxRejectRate, settleSeconds } from './options.js';
import { outOption } from './out-option.js';
import { targetsOption } from './targets-option.js';
import { asOfDate, coverageYear } from './year-options.js';

export const RUN_HELP = `recon run --inbox DIR --out DIR [--db FILE|URL] [--year Y] [--as-of DATE] [--policies DIR]
          [--lang en|zh] [--log text|json] [--max-reject-rate R] [--settle SECONDS] [--group NAME] [--targets FILE]
          [--full]
  The nightly job: ingest every new file in the inbox, reconcile, export; one run at a time per database.
  The reconcile recomputes only the persons whose result can have changed since the year's last one;
  --full recomputes every person (the results are the same either way; see recon reconcile --help).
  Files modified less than --settle seconds ago (default 120) or named like temporary files are deferred
  to the next run.
  --out is replaced whole: it must be new, empty, or a folder recon wrote (it carries .premium-recon-out).
  --group NAME (or a gid) makes the outputs readable by that group, for auditors (files 0640, folders 0750);
  the running user must be in it. Without it they are owner-only (0600/0700); the database always is.
  --targets FILE: enrollment targets per region for report.html, a CSV with the header region_code,target_persons
  (or 统筹区编码,参保任务数), UTF-8 or GB18030; a bad file stops the command before anything is done (exit 2).
  Logs: progress on a terminal (text), else one JSON line per event on stdout (json).`;

/** `recon run`: parses the command line, runs the night, prints the summary table in text mode. */
export async function runCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      inbox: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' },
      policies: { type: 'string' }, lang: { type: 'string' }, log: { type: 'string' }, 'max-reject-rate': { type: 'string' },
      settle: { type: 'string' }, group: { type: 'string' }, targets: { type: 'string' }, full: { type: 'boolean' },
    },
  });
  if (!values.inbox) throw new UsageError('needs --inbox DIR');
  if (!existsSync(values.inbox) || !statSync(values.inbox).isDirectory()) throw new UsageError(`--inbox ${values.inbox} is not a folder`);
  if (values.policies !== undefined && (!existsSync(values.policies) || !statSync(values.policies).isDirectory())) {
    throw new UsageError(`--policies ${values.policies} is not a folder`);
  }
  const group = groupOption(values.group);
  const targets = targetsOption(values.targets);
  const db = databasePath(values.db);
  const outDir = outOption(values.out, { db, inbox: values.inbox, policies: values.policies });
  const asOf = asOfDate(values['as-of']);
  const format = logFormat(values.log);
  const lang = langOption(values.lang);
  const result = await runNightly({
    inbox: values.inbox, out: outDir, db, year: coverageYear(values.year, asOf), asOf,
    policies: values.policies ?? null, lang, maxRejectRate: maxRejectRate(values['max-reject-rate']),
    settle: settleSeconds(values.settle, 120), group, full: values.full ?? false,
    targets: targets && { file: values.targets!, perRegion: targets },
  }, runReporter(format));
  if (format === 'text') out.write('\n' + formatSummary(result.summary, result.outDir, lang));
  return result.exitCode;
}
