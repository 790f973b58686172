import type { ResultRows } from '../db/result-writer.js';

/**
 * Where reconcile puts the rows it makes, as value arrays (in the order of the row shapes, db/result-shapes.ts). `run` wires it
 * (run/steps.ts): to the database's result tables (db/result-writer.ts), and for `recon run` also to
 * reconciliation.csv's spill (export/region-spill.ts), so that reconcile imports neither. Reconcile reads
 * the rows back from the tables (possible duplicates, invariants): the tables must be among the sinks.
 */
export type ResultSink = {
  /**
   * Told once, before the first batch, the as-of date of the baseline changes.csv will compare with
   * (db/previous-results.ts): null on a year's first reconcile, when every row is NEW (the spill then writes
   * changes.csv's lines too, export/region-spill.ts).
   */
  begin?(info: { previousAsOf: string | null }): void;
  /** Takes one batch, in person order; returns a promise only when it must be awaited before the next. */
  write(rows: ResultRows): Promise<void> | void;
  /** Writes whatever is held. */
  flush(): Promise<void> | void;
  /**
   * Checks, before the reconcile commits, that the sink took all `resultRows` result rows (throws if not),
   * so that a sink that lost rows rolls the reconcile back rather than leave results no output matches.
   */
  verify?(resultRows: number): void;
  /**
   * Result rows already written whose values changed afterwards in the tables (rule 10's REVIEW for rule 8's
   * possible duplicates, added across persons once all are stored), as values, in (region_code, id_number)
   * order. A sink that keeps its own copy of the rows (the spill) replaces them; the tables have them already.
   */
  amend?(results: unknown[][]): void;
  /**
   * The result tables' own sink (db/result-writer.ts) only: the same sink writing each result row over the
   * stored row of the same key rather than beside it, or null where the engine cannot (the caller then
   * deletes the rows first). An incremental night asks for it (reconcile-year.ts).
   */
  inPlace?(): ResultSink | null;
};

/** Several sinks as one: each batch goes to each, in the order given. */
export function allSinks(...sinks: ResultSink[]): ResultSink {
  return {
    begin(info) {
      for (const sink of sinks) sink.begin?.(info);
    },
    async write(rows) {
      for (const sink of sinks) await sink.write(rows);
    },
    async flush() {
      for (const sink of sinks) await sink.flush();
    },
    verify(resultRows) {
      for (const sink of sinks) sink.verify?.(resultRows);
    },
    amend(results) {
      for (const sink of sinks) sink.amend?.(results);
    },
  };
}
