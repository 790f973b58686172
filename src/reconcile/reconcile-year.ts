import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { version } from '../base/version.js';
import { EXPRESSION_COLUMN, type Db } from '../db/db.js';
import { IDS_PER_STATEMENT, keepPreviousOf, keepPreviousResults, listInBaseline, type Baseline } from '../db/previous-results.js';
import type { Database } from '../db/database.js';
import { changedPersons } from '../db/changed-persons.js';
import { ensurePaymentIndexes } from '../db/payment-indexes.js';
import { withIndexesBuiltAfter } from '../db/indexes-built-after.js';
import { checkInvariants, ReconcileInvariantError } from '../db/result-invariants.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { recordRegionHistory } from '../db/region-history.js';
import { applyChangedTotals, changedPersonsTotals, storeYearTotals } from '../db/region-totals.js';
import { nowInShanghai, preciseNowInShanghai } from '../normalise/dates.js';
import type { PolicySet } from '../policy/policy-set.js';
import { dirtyPersons, type DirtyPersons, type DirtyReason } from './dirty-persons.js';
import {
  deletePairs, findPossibleDuplicates, pairKey, pairsOfListed, reviewPersons, reviewPossibleDuplicates, storedPairsOfListed,
} from './find-possible-duplicates.js';
import { PERSONS_PER_READ } from './person-stream.js';
import { reconcilePersons, type PersonCounts } from './reconcile-persons.js';
import { fullReason, type FullReason } from './reconcile-mode.js';
import { RECON_DUPLICATES, RECON_RESULTS } from '../db/result-shapes.js';
import type { DuplicateEntry } from './person-facts.js';
import type { ResultSink } from './result-sink.js';

/**
 * `tooManyPayments`: persons past MAX_PAYMENTS_PER_PERSON (person-stream.ts), reported as TOO_MANY_PAYMENTS.
 * The counts are the year's, whichever the mode. `recomputed`: the persons put through the rules tonight
 * (every person of the year on a full night), `recomputedBy` why, on an incremental night (dirty-persons.ts).
 */
export type ReconcileSummary = {
  year: number; asOf: string; persons: number; rows: number; refunds: number; duplicates: number; tooManyPayments: number;
  mode: 'full' | 'incremental'; fullReason: FullReason | null; recomputed: number; recomputedBy: Record<DirtyReason, number> | null;
};

/**
 * An incremental night recomputes everyone instead once more than this share of the year's persons would be
 * recomputed (and more than MIN_FULL_PERSONS): past it, reading each person by ID number, deleting their rows
 * and copying their baseline costs more than the full night's sequential read and table swap.
 */
const FULL_SHARE = 0.25;
const MIN_FULL_PERSONS = 1000;

/**
 * Reconciles coverage year `year` as of `asOf` and replaces that year's results, in one transaction (a
 * crash leaves the previous results). A full night (reconcile-mode.ts says when one is needed; `full` asks
 * for one) puts every person through the rules on the worker thread (reconcile-persons.ts) and their rows
 * into `sink`, which `run` wires to the result tables and, for `recon run`, to reconciliation.csv's spill
 * (run/steps.ts); then the possible duplicates among the stored rows (rule 8) and the REVIEW they add to
 * those rows (rule 10, told to the sink as amendments), and the invariants (db/result-invariants.ts). An
 * incremental night recomputes only the persons whose result can have changed (dirty-persons.ts), replacing
 * their rows, and rule 8 only for their blocks; its results are the full night's, byte for byte
 * (docs/architecture.md, "Incremental nights"). Only the tables take an incremental night's rows: the
 * spill, which holds whole files, is not written to then, and `recon run` exports from the tables. Either
 * way the night keeps the year's per-region totals (db/region-totals.ts: a full night aggregates the year,
 * an incremental one adds what changed) and ends with them in the report's trend (db/region-history.ts).
 * SQL does the set work (ordering, blocking, the invariant sums). Whatever the sink holds is flushed
 * before this returns.
 */
export async function reconcileYear(
  db: Db, policies: PolicySet, year: number, asOf: string, sink: ResultSink, onProgress: (persons: number) => void = () => {},
  options: { full?: boolean; tables?: ResultSink } = {},
): Promise<ReconcileSummary> {
  const k = db.kysely;
  // The worker reads the payments through these indexes; a run killed during a bulk load left them missing.
  await ensurePaymentIndexes(db);
  let summary: ReconcileSummary | null = null;
  await db.transaction(async () => {
    const stored = await k.selectFrom('reconciliations').selectAll().where('coverage_year', '=', year).executeTakeFirst();
    const policyData = policies.toData();
    let reason = fullReason(stored, { asOf, toolVersion: version(), policies: policyData, full: options.full ?? false });
    let dirty: DirtyPersons | null = null;
    if (reason === null) {
      dirty = await dirtyPersons(db, year, asOf, stored!.as_of, Math.max(MIN_FULL_PERSONS, Math.floor(stored!.persons * FULL_SHARE)));
      if (dirty === null) reason = 'most_persons';
    }
    let baseline: Baseline;
    if (dirty) {
      const done = await incrementalNight(db, policies, year, asOf, options.tables ?? sink, onProgress, dirty, stored!);
      baseline = done.baseline;
      summary = { ...done.summary, mode: 'incremental', fullReason: null, recomputed: dirty.count, recomputedBy: dirty.by };
    } else {
      const done = await fullNight(db, policies, year, asOf, sink, onProgress);
      baseline = done.baseline;
      summary = { ...done.summary, mode: 'full', fullReason: reason, recomputed: done.visited, recomputedBy: null };
    }
    // An incremental night checks the rows of the persons it changed, and the year's balance from the kept totals.
    await checkInvariants(db, year, asOf, dirty ? 'changed' : 'year');
    // The files whose facts these results take in: the next night's new facts are in the others.
    await k.insertInto('recon_inputs').columns(['coverage_year', 'sha256']).expression(
      k.selectFrom('ingested_files').select((eb) => [eb.val(year).as('coverage_year'), 'sha256']).where('status', '=', 'ingested')
        .where('sha256', 'not in', k.selectFrom('recon_inputs').select('sha256').where('coverage_year', '=', year)),
    ).execute();
    // An incremental night has listed its persons (dirty-persons.ts); a full night's every row may differ.
    if (!dirty) await k.deleteFrom('recon_changed_persons').where('coverage_year', '=', year).execute();
    const s = summary!;
    await k.deleteFrom('reconciliations').where('coverage_year', '=', year).execute();
    await k.insertInto('reconciliations').values({
      coverage_year: year, as_of: asOf, reconciled_at: nowInShanghai(), persons: s.persons,
      result_rows: s.rows, policy_sources: JSON.stringify(policies.sources.map((p) => ({ file: p.file.split('/').pop(), sha256: p.sha256, origin: p.origin }))),
      policy_set: JSON.stringify(policyData), previous_as_of: baseline.previousAsOf, baseline_listed: baseline.listed ? 1 : 0,
      tool_version: version(), mode: s.mode, full_reason: s.fullReason, recomputed: s.recomputed,
      recomputed_by: s.recomputedBy ? JSON.stringify(s.recomputedBy) : null, too_many_payments: s.tooManyPayments,
      // The export reuses the previous file's lines of the persons not changed only when it was written from the reconcile this one follows.
      reconcile_id: randomUUID(), follows: dirty ? stored!.reconcile_id : null,
    }).execute();
    // The report's trend: this reconcile's per-region totals (stored by either night above), kept beside
    // the earlier ones (spec 5, v2), keyed to the millisecond (two reconciles can fall within one second).
    await recordRegionHistory(k, year, preciseNowInShanghai(), asOf);
  });
  return summary!;
}

/**
 * The index of recon_results by rule 8's block (migration 018: name, birth date, ID number), written at
 * random as the rows come in person order: a full night builds it after its rows (indexes-built-after.ts).
 * The dated rows' index (015) is small and stays.
 */
export const BUILT_AFTER_THE_ROWS = [['coverage_year', 'name', EXPRESSION_COLUMN, 'id_number']] as const;

type Counted = Omit<ReconcileSummary, 'mode' | 'fullReason' | 'recomputed' | 'recomputedBy'>;

/** Every person of the year, into empty result tables. */
async function fullNight(
  db: Db, policies: PolicySet, year: number, asOf: string, sink: ResultSink, onProgress: (persons: number) => void,
): Promise<{ summary: Counted; baseline: Baseline; visited: number }> {
  const k = db.kysely;
  const baseline = await keepPreviousResults(db, year, asOf); // and makes way in recon_results
  sink.begin?.({ previousAsOf: baseline.previousAsOf });
  for (const table of ['recon_refunds', 'recon_duplicates', 'recon_suspensions', 'recon_horizons'] as const) {
    await k.deleteFrom(table).where('coverage_year', '=', year).execute();
  }
  const counts = await withIndexesBuiltAfter(db, 'recon_results', BUILT_AFTER_THE_ROWS, async () => {
    const c = await reconcilePersons(db.target, policies, year, asOf, sink, onProgress);
    await sink.flush();
    return c;
  });
  // For rule 10's update by person below, and for the incremental nights that follow.
  await refreshPlannerStatistics(k);
  const pairs = await findPossibleDuplicates(db, year);
  await writePairs(sink, pairs, year);
  if (pairs.length) {
    const amended = await reviewPossibleDuplicates(db, year); // rule 10: REVIEW for both persons of a pair
    sink.amend?.(amended);
  }
  // The per-region totals, once the rows are final: one aggregation over the year (db/region-totals.ts).
  await storeYearTotals(k, year);
  sink.verify?.(counts.rows);
  const { visited, ...counted } = counts;
  return { summary: { year, asOf, ...counted, duplicates: counts.duplicates + pairs.length }, baseline, visited };
}

/**
 * The persons recon_changed_persons lists (dirty-persons.ts): their baseline kept (previous-results.ts),
 * their rows of every result table deleted (or, for recon_results, replaced), the rules applied to them
 * again, and rule 8 again for the pairs they are in. Nothing here holds all of them at once: they are read
 * from the list a chunk at a time, and the rest is set work on the list (SPEC 8: memory stays flat).
 */
async function incrementalNight(
  db: Db, policies: PolicySet, year: number, asOf: string, tables: ResultSink, onProgress: (persons: number) => void,
  dirty: DirtyPersons, stored: { persons: number; result_rows: number; too_many_payments: number | null },
): Promise<{ summary: Counted; baseline: Baseline }> {
  const k = db.kysely;
  const baseline = await keepPreviousOf(db, year, asOf);
  tables.begin?.({ previousAsOf: baseline.previousAsOf });
  // The per-region totals take the listed persons' rows' totals away before the deletes below and add them
  // back once the rules have written them again (db/region-totals.ts); the counts likewise.
  const totalsBefore = await changedPersonsTotals(k, year);
  const before = await listedCounts(k, year);
  // Their rows of every result table go, but for recon_results where the engine writes the new rows over the
  // stored ones in place (Db.replacingAppender: at 5M persons less than half the pages a delete and an insert
  // touch): then only their stored rows not written again tonight go, chunk by chunk (ListedPersons).
  const inPlace = tables.inPlace?.() ?? null;
  const listed = changedPersons(k, year);
  for (const table of [...(inPlace ? [] : ['recon_results'] as const), 'recon_refunds', 'recon_suspensions', 'recon_horizons'] as const) {
    await k.deleteFrom(table).where('coverage_year', '=', year).where('id_number', 'in', listed).execute();
  }
  // Their own findings; rule 8's pairs are compared below.
  await k.deleteFrom('recon_duplicates').where('coverage_year', '=', year).where('kind', '<>', 'POSSIBLE_DUPLICATE').where('id_number', 'in', listed).execute();
  const persons = new ListedPersons(db, year, inPlace !== null);
  const into = inPlace ?? tables;
  // No worker (its start and its connections) for a night with no one to recompute.
  const counts = dirty.count > 0 ? await reconcilePersons(db.target, policies, year, asOf, persons.noting(into), onProgress, () => persons.next()) : noCounts();
  await into.flush();
  await persons.finish(); // the last chunks' stale rows
  // Rule 8: a pair depends on its two persons only, so the pairs that can differ from the stored ones are
  // those with a recomputed person in them (every block such a person leaves or joins is a block of their
  // rows before or now). The stored ones that no longer hold go, tonight's new ones are added, and those
  // that stay are kept.
  const storedPairs = await storedPairsOfListed(db, year);
  const { pairs, listed: inBlocks } = await pairsOfListed(db, year);
  const now = new Set(pairs.map(pairKey));
  const kept = new Set(storedPairs.map(pairKey));
  await deletePairs(db, year, storedPairs.filter((p) => !now.has(pairKey(p))));
  const added = pairs.filter((p) => !kept.has(pairKey(p)));
  await writePairs(tables, added, year);
  // Rule 10's REVIEW: the recomputed persons in a pair lost it with their rows, and a person not recomputed
  // gains it from a pair added tonight (a new person, or a new name, joins their block). Every other person
  // in a pair has it from the night that stored the pair, and their rows have not changed since. A person
  // reached so changes without being recomputed, so changes.csv's baseline keeps their rows first, and the
  // export formats them: one list for the baseline and for recon_changed_persons. (Every person of a pair
  // tonight is in a block pairsOfListed read, so `inBlocks` says whether they were recomputed.)
  const reached = [...new Set(added.flatMap((p) => [p.idNumber, p.otherIdNumber!]))].filter((id) => !inBlocks.has(id)).sort();
  if (baseline.listed) await listInBaseline(db, year, reached);
  const inPairs = [...new Set(pairs.flatMap((p) => [p.idNumber, p.otherIdNumber!]))].filter((id) => inBlocks.has(id));
  await reviewPersons(db, year, [...inPairs, ...reached].sort());
  // Every change to recon_results tonight is covered: the recomputed persons' rows are deleted (or replaced)
  // and written again between the two aggregations, and rule 10's update changes only `actions`, which no total reads
  // (the persons it reaches are listed below, after the totals, for the export and the invariants).
  await applyChangedTotals(k, year, totalsBefore, await changedPersonsTotals(k, year));
  await addChangedPersons(db, year, reached);
  const totals = await k.selectFrom('recon_refunds').select((eb) => eb.fn.countAll<number>().as('n')).where('coverage_year', '=', year).executeTakeFirstOrThrow();
  const found = await k.selectFrom('recon_duplicates').select((eb) => eb.fn.countAll<number>().as('n')).where('coverage_year', '=', year).executeTakeFirstOrThrow();
  return {
    baseline,
    summary: {
      year, asOf, persons: stored.persons - before.persons + counts.persons, rows: stored.result_rows - before.rows + counts.rows,
      refunds: Number(totals.n), duplicates: Number(found.n),
      tooManyPayments: (stored.too_many_payments ?? 0) - before.tooMany + counts.tooManyPayments,
    },
  };
}

/**
 * The stored result rows of the persons recon_changed_persons lists, counted before they are deleted: the
 * persons with rows, the rows, and the persons flagged TOO_MANY_PAYMENTS (`replace` finds the flag among the
 * `;`-separated ones exactly, on both engines: LIKE would read its `_` as any character).
 */
async function listedCounts(k: Kysely<Database>, year: number): Promise<{ persons: number; rows: number; tooMany: number }> {
  const flags = sql<string>`';' || r.flags || ';'`;
  const r = await k.selectFrom('recon_changed_persons as c').crossJoin('recon_results as r')
    .select([
      sql<number>`count(distinct r.id_number)`.as('persons'),
      sql<number>`count(*)`.as('rows'),
      sql<number>`count(distinct case when replace(${flags}, ';TOO_MANY_PAYMENTS;', '') <> ${flags} then r.id_number end)`.as('tooMany'),
    ])
    .whereRef('r.coverage_year', '=', 'c.coverage_year').whereRef('r.id_number', '=', 'c.id_number').where('c.coverage_year', '=', year)
    .executeTakeFirstOrThrow();
  return { persons: Number(r.persons), rows: Number(r.rows), tooMany: Number(r.tooMany) };
}

/**
 * The persons recon_changed_persons lists, handed to the reconcile worker a chunk at a time (`next`, in
 * id_number order, by their key), and the bookkeeping of their rows as the rules write them (`noting`):
 * - where the rows are written over the stored ones in place (`inPlace`), a stored row not written again
 *   tonight (the person has no row in that region any more) is deleted once its chunk is done. The worker
 *   asks for a chunk one ahead (reconcile-worker.ts), after sending the rows of the chunk before the one it
 *   reads: so on each question every chunk handed over but the last is done, and at most two chunks' stored
 *   keys are held;
 * - two rows with one key (a rules bug) fail the night, as a full night's insert does: SQLite's in-place
 *   writer upserts (sqlite/replacing-appender.ts) and would silently keep the second. A person's rows come
 *   together, so one person's regions are all it takes to see it.
 */
class ListedPersons {
  private after = '';
  /** The chunks handed over and not done, oldest first: their stored rows not written yet (in place only). */
  private open: Map<string, { regionCode: string; idNumber: string }>[] = [];
  private person = '';
  private regions = new Set<string>();

  constructor(private readonly db: Db, private readonly year: number, private readonly inPlace: boolean) {}

  /** Ends the chunks handed over but the last (their stale rows deleted) and reads the next one: empty at the end. */
  async next(): Promise<string[]> {
    const k = this.db.kysely;
    while (this.open.length > 1) await this.deleteStale(this.open.shift()!);
    const ids = (await changedPersons(k, this.year).where('id_number', '>', this.after).orderBy('id_number').limit(PERSONS_PER_READ).execute()).map((r) => r.id_number);
    if (ids.length === 0) return ids;
    this.after = ids.at(-1)!;
    const stale = new Map<string, { regionCode: string; idNumber: string }>();
    if (this.inPlace) {
      for (const r of await k.selectFrom('recon_results').select(['region_code', 'id_number']).where('coverage_year', '=', this.year)
        .where('id_number', 'in', ids).execute()) {
        stale.set(rowKey(r.region_code, r.id_number), { regionCode: r.region_code, idNumber: r.id_number });
      }
    }
    this.open.push(stale);
    return ids;
  }

  /** Ends every chunk still open: once the worker is done, all their rows are written. */
  async finish(): Promise<void> {
    while (this.open.length > 0) await this.deleteStale(this.open.shift()!);
  }

  private async deleteStale(stale: Map<string, { regionCode: string; idNumber: string }>): Promise<void> {
    for (const r of stale.values()) {
      await this.db.kysely.deleteFrom('recon_results').where('coverage_year', '=', this.year).where('region_code', '=', r.regionCode)
        .where('id_number', '=', r.idNumber).execute();
    }
  }

  /** `sink`, noting each result row written through it. */
  noting(sink: ResultSink): ResultSink {
    const { id_number: idNumber, region_code: regionCode } = RECON_RESULTS.at;
    return {
      begin: (info) => sink.begin?.(info),
      write: (rows) => {
        for (const r of rows.results) {
          const id = r[idNumber] as string;
          const region = r[regionCode] as string;
          if (id !== this.person) {
            this.person = id;
            this.regions.clear();
          }
          if (this.regions.has(region)) throw new ReconcileInvariantError('the rules gave two result rows for one person and region');
          this.regions.add(region);
          const at = rowKey(region, id);
          for (const stale of this.open) stale.delete(at);
        }
        return sink.write(rows);
      },
      flush: () => sink.flush(),
      verify: (resultRows) => sink.verify?.(resultRows),
      amend: (results) => sink.amend?.(results),
    };
  }
}

/** A result row's key within its year. */
const rowKey = (regionCode: string, idNumber: string) => `${regionCode}\u0000${idNumber}`;

/** Adds persons not listed yet to recon_changed_persons. */
async function addChangedPersons(db: Db, year: number, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    await db.kysely.insertInto('recon_changed_persons').values(ids.slice(i, i + IDS_PER_STATEMENT).map((id_number) => ({ coverage_year: year, id_number }))).execute();
  }
}

async function writePairs(sink: ResultSink, pairs: DuplicateEntry[], year: number): Promise<void> {
  await sink.write({ results: [], refunds: [], duplicates: pairs.map((d) => RECON_DUPLICATES.values(d, year)), suspensions: [] });
  await sink.flush();
}

function noCounts(): PersonCounts {
  return { persons: 0, visited: 0, rows: 0, refunds: 0, duplicates: 0, tooManyPayments: 0 };
}
