import type { Db, PreparedStatement } from '../db/open-database.js';
import type { IngestedFilesTable } from '../db/database.js';
import type { PaymentRow } from './payment-row.js';
import type { RosterRow } from './roster-row.js';

export type PaymentOutcome = 'accepted' | 'repeat' | 'conflict';
export type RosterOutcome = 'accepted' | 'updated' | 'repeat';
export type StoredReject = { line: number; kind: string; reason: string; detail: string; raw: string };
export type FileRecord = Omit<IngestedFilesTable, 'ingested_at'> & { ingested_at: string };

const PAYMENT_COLUMNS = [
  'txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount_fen', 'paid_on', 'paid_time',
  'payer_type', 'category', 'tier', 'channel', 'source_sha256', 'source_line',
] as const;
/** The columns that make up a transaction's content: a txn_id repeated with any of them different conflicts. */
const PAYMENT_CONTENT = PAYMENT_COLUMNS.slice(1, 12);

const ROSTER_COLUMNS = [
  'id_number', 'category', 'effective_from', 'name', 'region_code', 'effective_to', 'source_dept',
  'source_sha256', 'source_line',
] as const;

/**
 * Writes one file's rows. Statements are built with Kysely and compiled once, then run per row through
 * the engine's prepared statement: Kysely's per-query build would dominate a million-row file.
 */
export class IngestStore {
  private readonly insertPayment: PreparedStatement;
  private readonly selectPayment: PreparedStatement;
  private readonly insertRoster: PreparedStatement;
  private readonly selectRoster: PreparedStatement;
  private readonly updateRosterEnd: PreparedStatement;
  private readonly insertReject: PreparedStatement;

  constructor(private readonly db: Db) {
    const k = db.kysely;
    const blank = <T extends readonly string[]>(cols: T) =>
      Object.fromEntries(cols.map((c) => [c, null])) as Record<T[number], never>;
    this.insertPayment = db.prepare(
      k.insertInto('payments').values(blank(PAYMENT_COLUMNS)).onConflict((oc) => oc.column('txn_id').doNothing()).compile(),
    );
    this.selectPayment = db.prepare(
      k.selectFrom('payments').select([...PAYMENT_CONTENT]).where('txn_id', '=', '').compile(),
    );
    this.insertRoster = db.prepare(
      k.insertInto('roster_entries').values(blank(ROSTER_COLUMNS))
        .onConflict((oc) => oc.columns(['id_number', 'category', 'effective_from']).doNothing()).compile(),
    );
    this.selectRoster = db.prepare(
      k.selectFrom('roster_entries').select(['effective_to'])
        .where('id_number', '=', '').where('category', '=', '').where('effective_from', '=', '').compile(),
    );
    this.updateRosterEnd = db.prepare(
      k.updateTable('roster_entries')
        .set({ effective_to: '', updated_sha256: '', updated_line: 0 })
        .where('id_number', '=', '').where('category', '=', '').where('effective_from', '=', '').compile(),
    );
    this.insertReject = db.prepare(
      k.insertInto('rejected_rows')
        .values({ file_sha256: '', file_name: '', line: 0, kind: '', reason: '', detail: '', raw: '' }).compile(),
    );
  }

  /** New txn_id → accepted; same txn_id with the same content → repeat; different content → conflict. */
  payment(row: PaymentRow, sha256: string, line: number): PaymentOutcome {
    const values = [
      row.txnId, row.idNumber, row.name, row.regionCode, row.coverageYear, row.amountFen, row.paidOn,
      row.paidTime, row.payerType, row.category, row.tier, row.channel, sha256, line,
    ];
    if (this.insertPayment.run(values).changes === 1) return 'accepted';
    const held = this.selectPayment.get([row.txnId])!;
    return PAYMENT_CONTENT.every((c, i) => held[c] === values[i + 1]) ? 'repeat' : 'conflict';
  }

  /**
   * New recognition → accepted. A held one repeated is a repeat, unless this row carries an effective_to
   * different from the held one: the person left the status (or the date was corrected), so it is updated.
   * A blank effective_to never clears a held one: monthly snapshots can arrive out of order.
   */
  roster(row: RosterRow, sha256: string, line: number): RosterOutcome {
    const key = [row.idNumber, row.category, row.effectiveFrom];
    const values = [...key, row.name, row.regionCode, row.effectiveTo, row.sourceDept, sha256, line];
    if (this.insertRoster.run(values).changes === 1) return 'accepted';
    const held = this.selectRoster.get(key)!;
    if (row.effectiveTo === null || held.effective_to === row.effectiveTo) return 'repeat';
    this.updateRosterEnd.run([row.effectiveTo, sha256, line, ...key]);
    return 'updated';
  }

  reject(sha256: string, fileName: string, r: StoredReject): void {
    this.insertReject.run([sha256, fileName, r.line, r.kind, r.reason, r.detail, r.raw]);
  }

  /** Finds the record of a file already seen, by content. */
  async findFile(sha256: string): Promise<IngestedFilesTable | undefined> {
    return this.db.kysely.selectFrom('ingested_files').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  }

  /**
   * Records a file's outcome. A file rejected whole earlier holds no rows, so its old record and its
   * line-0 reject are replaced when the same bytes are tried again (e.g. with a higher --max-reject-rate).
   */
  async recordFile(file: FileRecord): Promise<void> {
    const k = this.db.kysely;
    await k.deleteFrom('rejected_rows').where('file_sha256', '=', file.sha256).where('line', '=', 0).execute();
    await k.deleteFrom('ingested_files').where('sha256', '=', file.sha256).execute();
    await k.insertInto('ingested_files').values(file).execute();
  }
}
