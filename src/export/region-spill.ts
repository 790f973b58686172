import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { csvLines } from './csv-lines.js';
import { fileError } from '../base/file-error.js';
import type { Lang } from './labels.js';
import { newChangeCells } from './changes-rows.js';
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
 * On a year's first reconcile (no baseline: every row is NEW in changes.csv) the writer also writes
 * changes.csv's lines, made from the same cells (`newChangeCells`), into the folder's `changes/` parts: the
 * export would otherwise read every result row back for that file alone (docs/performance.md).
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
  /** changes.csv's lines, as parts and amendments likewise, when the reconcile had no baseline; else null. */
  changes: { parts: string[]; amended: ReadonlyMap<string, readonly LineReplacement[]> } | null;
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
  const partsOf = (dir: string, amendedLines: ReadonlyMap<string, LineReplacement[]>) => ({
    parts: readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(dir, f)),
    amended: new Map([...amendedLines].map(([region, lines]) => [join(dir, `${region}.csv`), lines])),
  });
  const changes = writer.changesDir ? partsOf(writer.changesDir, writer.amendedChanges) : null;
  return { ...target, year, ...partsOf(target.dir, writer.amended), rows: writer.rows, changes };
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
  private heldChanges = new Map<string, Buffer[]>();
  private heldBytes = 0;
  /** Lines written so far. */
  rows = 0;
  /** New lines for rows written before, per region (`amend`). */
  readonly amended = new Map<string, LineReplacement[]>();
  /** changes.csv's parts (a year's first reconcile only: `begin`), and their new lines for amended rows. */
  changesDir: string | null = null;
  readonly amendedChanges = new Map<string, LineReplacement[]>();

  constructor(private readonly target: SpillTarget) {}

  /** Before the first batch (result-sink.ts): without a baseline every row is NEW, and its changes.csv line is written too. */
  begin({ previousAsOf }: { previousAsOf: string | null }): void {
    if (previousAsOf !== null || this.changesDir) return;
    this.changesDir = join(this.target.dir, 'changes');
    mkdirSync(this.changesDir, { mode: 0o700 });
  }

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
      this.hold(this.held, region, csvLines(cells));
      if (this.changesDir) this.hold(this.heldChanges, region, csvLines(cells.map((c) => newChangeCells(c, this.target.lang))));
      this.rows += cells.length;
    }
    if (this.heldBytes >= HELD_BYTES) this.flush();
  }

  /**
   * Rows written before whose values changed since (result-sink.ts, `amend`): their new lines, held (they are
   * few) until the export copies the parts in (spill-amendments.ts), in id_number order per region.
   */
  amend(results: readonly (readonly unknown[])[]): void {
    const add = (amended: Map<string, LineReplacement[]>, region: string, idNumber: string, cells: string[]) => {
      let lines = amended.get(region);
      if (!lines) amended.set(region, (lines = []));
      lines.push({ idNumber, line: Buffer.from(csvLines([cells]), 'utf8') });
    };
    for (const v of results) {
      const region = resultRegion(v);
      const cells = reconciliationCells(v, this.target.lang);
      add(this.amended, region, cells[0]!, cells);
      if (this.changesDir) add(this.amendedChanges, region, cells[0]!, newChangeCells(cells, this.target.lang));
    }
    for (const amended of [this.amended, this.amendedChanges]) {
      for (const lines of amended.values()) lines.sort((a, b) => (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0));
    }
  }

  /** Holds a region's lines as bytes until `flush`. */
  private hold(held: Map<string, Buffer[]>, region: string, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    let buffers = held.get(region);
    if (!buffers) held.set(region, (buffers = []));
    buffers.push(bytes);
    this.heldBytes += bytes.length;
  }

  /** Before the reconcile commits: a line for every result row, or the reconcile rolls back (result-sink.ts). */
  verify(resultRows: number): void {
    if (this.rows !== resultRows) throw new Error(`${this.rows} reconciliation lines written for ${resultRows} result rows`);
  }

  /** Appends everything held to the part files. */
  flush(): void {
    for (const [dir, heldLines] of [[this.target.dir, this.held], [this.changesDir, this.heldChanges]] as const) {
      for (const [region, held] of heldLines) {
        const part = join(dir!, `${region}.csv`);
        try {
          appendFileSync(part, Buffer.concat(held), { mode: 0o600 });
        } catch (err) {
          throw fileError(part, err); // Node's "ENOSPC: no space left on device, write" names no file
        }
      }
      heldLines.clear();
    }
    this.heldBytes = 0;
  }
}
