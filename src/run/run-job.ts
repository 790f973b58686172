import { EXIT } from '../base/recon-error.js';
import { listInputs } from '../ingest/inbox-entries.js';
import type { Lang } from '../export/labels.js';
import type { ExportSummary } from '../export/export-outputs.js';
import { RegionSpillWriter, createSpillFolder, discardSpill, spilledReconciliation } from '../export/region-spill.js';
import { recoverOut } from './out-recovery.js';
import { PolicySet } from '../policy/policy-set.js';
import type { Reporter } from './run-events.js';
import { runSummary, type RunSummary } from './run-summary.js';
import type { EnrollmentTargets } from '../export/report-data.js';
import { exportStep, ingestStep, reconcileStep } from './steps.js';
import { withRun, type RunOutcome } from './with-run.js';

export type NightlyParameters = {
  inbox: string;
  out: string;
  db: string;
  year: number;
  asOf: string;
  policies: string | null;
  lang: Lang;
  maxRejectRate: number;
  /** Seconds a file must have gone unmodified to be read (--settle); younger files are deferred. */
  settle: number;
  /** --group: the group the outputs are shared with (export/group-access.ts); null: owner-only. */
  group: { name: string; gid: number } | null;
  /** --targets: the file (recorded with the run) and the enrollment targets read from it; null without. */
  targets: { file: string; perRegion: EnrollmentTargets } | null;
  /** --full: recompute every person (reconcile-year.ts). */
  full: boolean;
};

/**
 * `recon run`, the nightly job (spec 6): ingest every new file of the inbox, reconcile the year as of the
 * date, export the six outputs, all as one recorded run under the run lock. Policies are loaded and
 * validated first, so a bad policy file, or a coverage year without any, stops the run before anything is
 * ingested. Exit 4 when a file of this night's inbox was rejected whole (everything else still ran), 0
 * otherwise: a deferred file is not a failure, it is tried again next run.
 */
export async function runNightly(p: NightlyParameters, report: Reporter): Promise<RunOutcome & { summary: RunSummary; outDir: string }> {
  const parameters = { inbox: p.inbox, out: p.out, db: p.db, coverage_year: p.year, as_of: p.asOf, policies: p.policies, lang: p.lang, max_reject_rate: p.maxRejectRate, settle: p.settle, group: p.group?.name ?? null,
    targets: p.targets?.file ?? null, full: p.full };
  recoverOut(p.out, report);
  const gid = p.group?.gid ?? null;
  return withRun({ dbPath: p.db, create: true, command: 'run', parameters, report }, async (ctx) => {
    const policies = PolicySet.load(p.policies ?? undefined);
    // A year without a single policy file fails here, before ingest, like a malformed file: the night
    // changes nothing, and the next run (once the files are added) ingests the same inbox.
    policies.requireYear(p.year, p.policies);
    const { reports } = await ingestStep(ctx, listInputs([p.inbox], p.settle), p.maxRejectRate, p.full);
    const rejectedWhole = reports.some((r) => r.outcome === 'rejected');
    const status = rejectedWhole ? 'done_with_rejected_files' : 'done';
    // reconciliation.csv's lines are written as reconcile stores the rows, and the export copies them in
    // (export/region-spill.ts); the folder goes whatever happens.
    const spill = { dir: createSpillFolder(p.out, gid), lang: p.lang };
    let exported: ExportSummary;
    try {
      const lines = new RegionSpillWriter(spill);
      const night = await reconcileStep(ctx, policies, p.year, p.asOf, lines, p.full);
      // The lines as the writer counted them: the export checks them against the result rows reconcile recorded.
      // An incremental night wrote only the tables (reconcile-year.ts): the spill holds no whole file, so
      // reconciliation.csv and changes.csv are read from the tables, as `recon export` does. (Phase 2 of
      // issue 21: an export proportional to what changed.)
      const spilled = night.mode === 'full' ? spilledReconciliation(spill, p.year, lines) : undefined;
      exported = await exportStep(ctx, { out: p.out, year: p.year, lang: p.lang, outcome: status, spilled, gid, targets: p.targets?.perRegion ?? null });
    } finally {
      discardSpill(spill.dir);
    }
    const summary = await runSummary(ctx.db, p.year, exported.regions);
    return { status, exitCode: rejectedWhole ? EXIT.fileRejected : EXIT.done, summary, outDir: exported.outDir };
  });
}
