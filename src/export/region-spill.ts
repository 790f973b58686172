import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { csvLines } from './csv-lines.js';
import { fileError } from '../base/file-error.js';
import type { Lang } from './labels.js';
import { reconciliationCells, resultRegion } from './reconciliation-cells.js';
import { sideFolder } from './side-folder.js';
import type { LineReplacement } from './spill-amendments.js';
import { makeFolders, type OutputGid } from './group-access.js';

/**
 * reconciliation.csv written while reconcile stores the rows, so that `recon run` does not read a million
 * result rows back only to write them out again (docs/performance.md).
 *
 * Reconcile goes through the persons in id_number order, so appending each row's line to a part file per
 * region leaves every part in id_number order, and the parts joined in region order are the file sorted by
 * (region_code, id_number), which is the export's sort. The lines are made by the export's own function
 * (reconciliation-cells.ts), so both ways give the same bytes (test/e2e/run.spill.test.ts compares them).
 *
 * The folder sits beside the output folder and is named with its owner (side-folder.ts), so that after a
 * crash the next run removes it, and a live run's is left alone (out-folder.ts, `recoverOutFolder`).
 */

/** Where reconcile writes the lines, and in which language. */
export type SpillTarget = { dir: string; lang: Lang };

/** What `recon run` hands from reconcile to export. */
export type SpilledReconciliation = SpillTarget & {
  year: number;
  /** Part files in region_code order, each holding that region's lines in id_number order. */
  parts: string[];
  /** Lines written, as the writer counted them. */
  rows: number;
  /** Lines to put in place of lines already written, per part (spill-amendments.ts), in the part's order. */
  amended: ReadonlyMap<string, readonly LineReplacement[]>;
};

/** Bytes of lines held before they are appended to the part files. */
const HELD_BYTES = 4 << 20;

/**
 * Makes a new, empty, owner-only spill folder for the output folder `outDir`. Its parent, the output
 * folder's, is made if missing, shared with the `--group` if one is given (group-access.ts): the spill comes
 * first, so it makes the parent the export then writes into.
 */
export function createSpillFolder(outDir: string, gid: OutputGid = null): string {
  const dir = sideFolder(outDir, 'spill');
  makeFolders(dirname(dir), gid);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

/** The parts of a finished spill, for the export. */
export function spilledReconciliation(target: SpillTarget, year: number, writer: RegionSpillWriter): SpilledReconciliation {
  const parts = readdirSync(target.dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(target.dir, f));
  const amended = new Map([...writer.amended].map(([region, lines]) => [join(target.dir, `${region}.csv`), lines]));
  return { ...target, year, parts, rows: writer.rows, amended };
}

export function discardSpill(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Appends result rows' lines to the part files, on the reconcile writer's thread as it stores them
 * (`recon run` wires it beside the result tables: run/run-job.ts).
 * Lines are held as bytes, not strings: held strings (built by concatenation) survive into V8's old
 * generation and cost seconds of garbage collection per million rows; bytes live outside the heap.
 */
export class RegionSpillWriter {
  private held = new Map<string, Buffer[]>();
  private heldBytes = 0;
  /** Lines written so far. */
  rows = 0;
  /** New lines for rows written before, per region (`amend`). */
  readonly amended = new Map<string, LineReplacement[]>();

  constructor(private readonly target: SpillTarget) {}

  /** Adds a batch's result rows (values in RECON_RESULTS's order), in the order they are stored: a sink of reconcile's (reconcile/result-sink.ts). */
  write({ results }: { results: readonly (readonly unknown[])[] }): void {
    const byRegion = new Map<string, string[][]>();
    for (const v of results) {
      const region = resultRegion(v);
      let cells = byRegion.get(region);
      if (!cells) byRegion.set(region, (cells = []));
      cells.push(reconciliationCells(v, this.target.lang));
    }
    for (const [region, cells] of byRegion) {
      // The region names a file: it was checked as six digits on ingest; never let data make a path.
      if (!/^\d{6}$/.test(region)) throw new Error(`region spill: region code ${JSON.stringify(region)} is not six digits`);
      const bytes = Buffer.from(csvLines(cells), 'utf8');
      let held = this.held.get(region);
      if (!held) this.held.set(region, (held = []));
      held.push(bytes);
      this.heldBytes += bytes.length;
      this.rows += cells.length;
    }
    if (this.heldBytes >= HELD_BYTES) this.flush();
  }

  /**
   * Rows written before whose values changed since (result-sink.ts, `amend`): their new lines, held (they are
   * few) until the export copies the parts in (spill-amendments.ts), in id_number order per region.
   */
  amend(results: readonly (readonly unknown[])[]): void {
    for (const v of results) {
      const region = resultRegion(v);
      const cells = reconciliationCells(v, this.target.lang);
      let lines = this.amended.get(region);
      if (!lines) this.amended.set(region, (lines = []));
      lines.push({ idNumber: cells[0]!, line: Buffer.from(csvLines([cells]), 'utf8') });
    }
    for (const lines of this.amended.values()) lines.sort((a, b) => (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0));
  }

  /** Before the reconcile commits: a line for every result row, or the reconcile rolls back (result-sink.ts). */
  verify(resultRows: number): void {
    if (this.rows !== resultRows) throw new Error(`${this.rows} reconciliation lines written for ${resultRows} result rows`);
  }

  /** Appends everything held to the part files. */
  flush(): void {
    for (const [region, held] of this.held) {
      const part = join(this.target.dir, `${region}.csv`);
      try {
        appendFileSync(part, Buffer.concat(held), { mode: 0o600 });
      } catch (err) {
        throw fileError(part, err); // Node's "ENOSPC: no space left on device, write" names no file
      }
    }
    this.held.clear();
    this.heldBytes = 0;
  }
}
