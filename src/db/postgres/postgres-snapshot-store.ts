import type pg from 'pg';
import type { RowStoreFile, StoreTally } from '../row-store.js';
import type { SnapshotTable } from '../snapshot-table.js';

/**
 * The PostgreSQL half of a snapshot table's rule (snapshot-table.ts), decided all at once over the file's
 * staged rows (`staged`, made by stagingTable from the same shape), per natural key in line order. The
 * first row of a key not held is accepted. Any later row (or any row of a held key) is a repeat when its
 * end date is blank or equals the end date held at that point; otherwise it updates it. The end date held
 * at a row is the last non-blank end date before it in the file, or else the stored one: every non-blank
 * end date either equals the held one or replaces it, so the last one seen is the one held. Column names
 * come from the definition (code), never from data.
 *
 * On Citus (`citus`), the held rows of the staged keys are first copied into a temporary table by a join
 * the workers run on their shards (the key starts with id_number, the distribution column): joined to the
 * distributed table directly, the local staging table would make Citus pull the whole table to the
 * coordinator for the outer join.
 */
export async function decideSnapshots(
  client: pg.Client, table: SnapshotTable, staged: string, file: RowStoreFile, tally: StoreTally, citus = false,
): Promise<void> {
  const { shape, end } = table;
  const key = shape.key.join(', ');
  const outcomes = `${staged}_outcomes`;
  const on = (a: string, b: string) => shape.key.map((c) => `${a}.${c} = ${b}.${c}`).join(' and ');
  let held = shape.table;
  if (citus) {
    held = `${staged}_held`;
    await client.query(`
      create temp table ${held} on commit drop as
      select ${shape.key.map((c) => `h.${c}`).join(', ')}, h.${end}
      from ${shape.table} h join (select distinct ${key} from ${staged}) k on ${on('h', 'k')}`);
  }
  await client.query(`
    create temp table ${outcomes} on commit drop as
    with s as (
      select ${shape.key.map((c) => `st.${c}`).join(', ')}, st.line, st.${end},
        row_number() over (partition by ${key} order by st.line) as rn,
        array_agg(st.${end}) filter (where st.${end} is not null) over (
          partition by ${key} order by st.line rows between unbounded preceding and 1 preceding) as ends_before
      from ${staged} st
    )
    select ${shape.key.map((c) => `s.${c}`).join(', ')}, s.line, s.${end},
      case
        when h.${shape.key[0]} is null and s.rn = 1 then 'accepted'
        when s.${end} is null then 'repeat'
        when coalesce(s.ends_before[cardinality(s.ends_before)], h.${end}) is distinct from s.${end} then 'updated'
        else 'repeat'
      end as outcome
    from s left join ${held} h on ${on('h', 's')}`);
  const cols = shape.fromRow;
  await client.query(`
    insert into ${shape.table} (${cols.join(', ')}, source_sha256, source_line)
    select ${cols.map((c) => `st.${c}`).join(', ')}, $1, st.line
    from ${staged} st join ${outcomes} o on o.line = st.line
    where o.outcome = 'accepted'`, [file.sha256]);
  await client.query(`
    update ${shape.table} t set ${end} = u.${end}, updated_sha256 = $1, updated_line = u.line
    from (
      select distinct on (${key}) ${key}, ${end}, line
      from ${outcomes} where outcome = 'updated'
      order by ${key}, line desc
    ) u
    where ${on('t', 'u')}`, [file.sha256]);
  const counts = await client.query<{ outcome: string; n: number }>(`select outcome, count(*) as n from ${outcomes} group by outcome`);
  for (const { outcome, n } of counts.rows) {
    if (outcome === 'repeat') tally.repeats += n;
    else {
      tally.accepted += n;
      if (outcome === 'updated') tally.updated += n;
    }
  }
}
