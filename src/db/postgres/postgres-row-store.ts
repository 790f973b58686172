import type pg from 'pg';
import { conflictDetail, type RowStore, type RowStoreFile, type StoreTally, type StoredReject } from '../row-store.js';
import { rowArray } from '../row-shape.js';
import { PAYMENTS, PAYMENT_CONTENT, REJECTED_ROWS, ROSTER_ENTRIES, type PaymentRow, type RosterRow } from '../staging-shapes.js';
import { copyAppender } from './copy-appender.js';
import { stagingTable } from './staging-table.js';

/** A staged row (staging-table.ts): its line and raw text, then the row's values. */
const stagedPayment = rowArray(PAYMENTS, 2);
const stagedRoster = rowArray(ROSTER_ENTRIES, 2);

/**
 * The PostgreSQL row store: a file's clean rows are copied (COPY, in chunks) into a temporary staging
 * table that lives as long as the file's transaction, and their outcomes are then decided all at once by
 * set-based SQL that gives exactly what applying the rows one by one in file order would give
 * (row-store.ts states the rules). Validation rejects go straight to rejected_rows, also by COPY.
 */
export function postgresRowStore(client: pg.Client, file: RowStoreFile): RowStore {
  const staging = (name: string, shape: typeof PAYMENTS | typeof ROSTER_ENTRIES) => {
    const table = stagingTable(name, shape);
    return copyAppender(client, name, table.columns, () => client.query(table.create).then(() => {}));
  };
  const payments = staging('recon_stage_payments', PAYMENTS);
  const roster = staging('recon_stage_roster', ROSTER_ENTRIES);
  const rejects = copyAppender(client, REJECTED_ROWS.table, REJECTED_ROWS.inserted);
  const pending: Promise<void>[] = [];
  const keep = (p: Promise<void> | void) => {
    if (!p) return;
    p.catch(() => {}); // awaited by drain(); marked handled so a failure waits there instead of crashing the process
    pending.push(p);
  };

  return {
    payment(row: PaymentRow, line: number, raw: string) {
      keep(payments.add(stagedPayment(line, raw, row)));
    },
    roster(row: RosterRow, line: number, raw: string) {
      keep(roster.add(stagedRoster(line, raw, row)));
    },
    reject(r: StoredReject) {
      keep(rejects.add(REJECTED_ROWS.values(r, file.sha256, file.fileName)));
    },
    async drain() {
      while (pending.length > 0) await pending.shift();
    },
    async finish() {
      await this.drain();
      await payments.flush();
      await roster.flush();
      await rejects.flush();
      const tally: StoreTally = { accepted: 0, updated: 0, repeats: 0, conflicts: 0, controlTotals: {} };
      if (payments.rows > 0) await decidePayments(client, file, tally);
      if (roster.rows > 0) await decideRoster(client, file, tally);
      return tally;
    },
  };
}

/**
 * A staged payment is decided against the held row with its txn_id: the one already in `payments`, or
 * else the file's first row with that txn_id (which is itself accepted). Same content → repeat,
 * different → conflict.
 */
async function decidePayments(client: pg.Client, file: RowStoreFile, tally: StoreTally): Promise<void> {
  const of = (alias: string, columns: readonly string[] = PAYMENT_CONTENT) => columns.map((c) => `${alias}.${c}`).join(', ');
  await client.query(`
    create temp table recon_stage_payment_outcomes on commit drop as
    select s.line, s.payer_type, s.amount_fen,
      case
        when p.txn_id is null and s.line = s.first_line then 'accepted'
        when p.txn_id is not null and (${of('p')}) is not distinct from (${of('s')}) then 'repeat'
        when p.txn_id is null and (${of('f')}) is not distinct from (${of('s')}) then 'repeat'
        else 'conflict'
      end as outcome
    from (select st.*, min(st.line) over (partition by st.txn_id) as first_line from recon_stage_payments st) s
    left join payments p on p.txn_id = s.txn_id
    left join recon_stage_payments f on f.txn_id = s.txn_id and f.line = s.first_line`);
  await client.query(`
    insert into payments (${PAYMENTS.fromRow.join(', ')}, source_sha256, source_line)
    select ${of('st', PAYMENTS.fromRow)}, $1, st.line
    from recon_stage_payments st join recon_stage_payment_outcomes o on o.line = st.line
    where o.outcome = 'accepted'`, [file.sha256]);
  const [before, after] = conflictDetail('\u0001').split('\u0001');
  await client.query(`
    insert into rejected_rows (file_sha256, file_name, line, kind, reason, detail, raw)
    select $1, $2, st.line, 'payments', 'CONFLICTING_TXN_ID', $3 || st.txn_id || $4, st.raw
    from recon_stage_payments st join recon_stage_payment_outcomes o on o.line = st.line
    where o.outcome = 'conflict'`, [file.sha256, file.fileName, before, after]);
  const counts = await client.query<{ outcome: string; n: number }>(
    'select outcome, count(*) as n from recon_stage_payment_outcomes group by outcome');
  for (const { outcome, n } of counts.rows) {
    if (outcome === 'accepted') tally.accepted += n;
    else if (outcome === 'repeat') tally.repeats += n;
    else tally.conflicts += n;
  }
  const totals = await client.query<{ payer_type: string; count: number; sum_fen: number }>(`
    select payer_type, count(*) as count, sum(amount_fen) as sum_fen from recon_stage_payment_outcomes
    where outcome = 'accepted' group by payer_type order by min(line)`);
  for (const t of totals.rows) tally.controlTotals[t.payer_type] = { count: t.count, sum_fen: t.sum_fen };
}

/**
 * Roster rows are decided per key (id_number, category, effective_from) in line order. The first row of
 * a key not held is accepted. Any later row (or any row of a held key) is a repeat when its effective_to
 * is blank or equals the end date held at that point; otherwise it updates it. The end date held at a
 * row is the last non-blank effective_to before it in the file, or else the stored one: every non-blank
 * end date either equals the held one or replaces it, so the last one seen is the one held.
 */
async function decideRoster(client: pg.Client, file: RowStoreFile, tally: StoreTally): Promise<void> {
  await client.query(`
    create temp table recon_stage_roster_outcomes on commit drop as
    with s as (
      select st.line, st.id_number, st.category, st.effective_from, st.effective_to,
        row_number() over (partition by st.id_number, st.category, st.effective_from order by st.line) as rn,
        array_agg(st.effective_to) filter (where st.effective_to is not null) over (
          partition by st.id_number, st.category, st.effective_from order by st.line
          rows between unbounded preceding and 1 preceding) as ends_before
      from recon_stage_roster st
    )
    select s.line, s.id_number, s.category, s.effective_from, s.effective_to,
      case
        when h.id_number is null and s.rn = 1 then 'accepted'
        when s.effective_to is null then 'repeat'
        when coalesce(s.ends_before[cardinality(s.ends_before)], h.effective_to) is distinct from s.effective_to then 'updated'
        else 'repeat'
      end as outcome
    from s left join roster_entries h
      on h.id_number = s.id_number and h.category = s.category and h.effective_from = s.effective_from`);
  const cols = ROSTER_ENTRIES.fromRow;
  await client.query(`
    insert into roster_entries (${cols.join(', ')}, source_sha256, source_line)
    select ${cols.map((c) => `st.${c}`).join(', ')}, $1, st.line
    from recon_stage_roster st join recon_stage_roster_outcomes o on o.line = st.line
    where o.outcome = 'accepted'`, [file.sha256]);
  await client.query(`
    update roster_entries r set effective_to = u.effective_to, updated_sha256 = $1, updated_line = u.line
    from (
      select distinct on (id_number, category, effective_from) id_number, category, effective_from, effective_to, line
      from recon_stage_roster_outcomes where outcome = 'updated'
      order by id_number, category, effective_from, line desc
    ) u
    where r.id_number = u.id_number and r.category = u.category and r.effective_from = u.effective_from`, [file.sha256]);
  const counts = await client.query<{ outcome: string; n: number }>(
    'select outcome, count(*) as n from recon_stage_roster_outcomes group by outcome');
  for (const { outcome, n } of counts.rows) {
    if (outcome === 'repeat') tally.repeats += n;
    else {
      tally.accepted += n;
      if (outcome === 'updated') tally.updated += n;
    }
  }
}
