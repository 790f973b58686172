/**
 * One typed definition per table written in bulk (a "row shape"): its columns in table order, each with
 * its SQL type, whether it may be null, and where its value comes from. Everything that used to keep a
 * column order in step by hand is derived from it once, at module load: the insert column lists, the
 * values a row is written as, the read worker's flat batch encoding and decoding, the PostgreSQL staging
 * DDL and the Kysely table types. Adding a column is one edit here, and the compiler checks the rest
 * (docs/ingest.md, "Adding a column or a table").
 *
 * The per-row functions are generated (`new Function`, as `rowMaker` in sqlite-database.ts): a row is
 * written by straight-line code with one property read per column and no array or loop per row, exactly
 * as the hand-written code was (docs/performance.md). The generated source holds only column positions
 * and field names checked as identifiers, never data.
 */

/** The column types the migrations use (portable: the same on SQLite and PostgreSQL). */
export type ColumnType = 'text' | 'integer' | 'bigint';

/** The JavaScript value of a column: text is a string, integers are numbers (fen fit in 2^53). */
export type SqlValue<T extends ColumnType, N extends boolean> = (T extends 'text' ? string : number) | (N extends true ? null : never);

/**
 * Where a column's value comes from when a row is written:
 * - `field`: a property of the row object, as it is (the batch decoder rebuilds the object from these);
 * - `compute`: a function of the row object (a list joined into text, a boolean as 0/1);
 * - `given`: passed by the writer beside the row, in column order (the file's sha256 and line, the year);
 * - `later`: not written by the insert (set by a later update; nullable).
 */
export type ColumnSource<R> =
  | { kind: 'field'; field: keyof R & string }
  | { kind: 'compute'; compute: (r: R) => unknown }
  | { kind: 'given' }
  | { kind: 'later' };

/** One column. `T`, `N` and `F` (the row field it is copied from, if any) are kept in the type for derivations. */
export type Column<R, T extends ColumnType = ColumnType, N extends boolean = boolean, F extends string = string> = {
  readonly type: T;
  readonly nullable: N;
  readonly source: ColumnSource<R>;
  /** Phantom: the field name at type level (never set). */
  readonly field?: F;
};

type AnyColumn<R> = Column<R, ColumnType, boolean, string>;
type Columns<R> = Record<string, AnyColumn<R>>;

/** The fields of R whose values fit a column of type T (nullable or not). */
type FieldsFitting<R, V> = { [K in keyof R]-?: [R[K]] extends [V] ? K : never }[keyof R] & string;

type ColumnBuilder<R, T extends ColumnType> = {
  /** Not null, copied from the row's field, or computed from the row. */
  of<F extends FieldsFitting<R, SqlValue<T, false>>>(from: F): Column<R, T, false, F>;
  of(from: (r: R) => SqlValue<T, false>): Column<R, T, false, never>;
  /** May be null, copied from the row's field, or computed from the row. */
  orNull<F extends FieldsFitting<R, SqlValue<T, true>>>(from: F): Column<R, T, true, F>;
  orNull(from: (r: R) => SqlValue<T, true>): Column<R, T, true, never>;
  /** Not null, passed by the writer beside the row. */
  given(): Column<R, T, false, never>;
  /** Nullable and not inserted: set by a later update. */
  later(): Column<R, T, true, never>;
};

/** The column builders for rows of type R: `c.text.of('txnId')`, `c.bigint.orNull((r) => r.standard)`. */
export function columnsOf<R>(): { text: ColumnBuilder<R, 'text'>; integer: ColumnBuilder<R, 'integer'>; bigint: ColumnBuilder<R, 'bigint'> } {
  const builder = <T extends ColumnType>(type: T): ColumnBuilder<R, T> => {
    const from = (f: string | ((r: R) => unknown)): ColumnSource<R> =>
      typeof f === 'string' ? { kind: 'field', field: f as keyof R & string } : { kind: 'compute', compute: f };
    return {
      of: (f: string | ((r: R) => unknown)) => ({ type, nullable: false, source: from(f) }),
      orNull: (f: string | ((r: R) => unknown)) => ({ type, nullable: true, source: from(f) }),
      given: () => ({ type, nullable: false, source: { kind: 'given' } }),
      later: () => ({ type, nullable: true, source: { kind: 'later' } }),
    } as ColumnBuilder<R, T>;
  };
  return { text: builder('text'), integer: builder('integer'), bigint: builder('bigint') };
}

/** The table's row as Kysely (and a SELECT) sees it: column name → value. */
export type TableRow<C> = { [K in keyof C]: C[K] extends Column<any, infer T, infer N, any> ? SqlValue<T, N> : never };

/** The row fields the columns copy (the `field` columns). */
type CopiedFields<C> = { [K in keyof C]: C[K] extends Column<any, any, any, infer F> ? F : never }[keyof C];

/**
 * `true` when every field of R is copied into a column, else the fields left out: a shape whose rows are
 * read back (rowReader) asserts it with `const _: AllFieldsCopied<Row, typeof SHAPE.columns> = true`.
 */
export type AllFieldsCopied<R, C> = [Exclude<keyof R, CopiedFields<C>>] extends [never] ? true : { fieldsWithoutColumn: Exclude<keyof R, CopiedFields<C>> };

export type RowShape<R, C extends Columns<R>, Table extends string = string> = {
  readonly table: Table;
  readonly columns: C;
  /** All columns, in table order. */
  readonly names: readonly (keyof C & string)[];
  /** The columns an insert writes, in table order (all but `later`): the order of `values`. */
  readonly inserted: readonly (keyof C & string)[];
  /** The columns whose values come from the row object (`field` and `compute`), in table order. */
  readonly fromRow: readonly (keyof C & string)[];
  /** The columns of the table's natural key (what a repeated row is recognised by). */
  readonly key: readonly (keyof C & string)[];
  /** Where each inserted column sits in `values`. */
  readonly at: { readonly [K in keyof C]: number };
  /** A row's values in `inserted` order; `given` are the given columns' values, in their order. */
  values(row: R, ...given: unknown[]): unknown[];
};

/** Defines a table's row shape: its columns in table order (as the migrations created them) and its key. */
export function rowShape<R>() {
  return <const Table extends string, const C extends Columns<R>>(table: Table, key: readonly (keyof C & string)[], columns: C): RowShape<R, C, Table> => {
    const names = Object.keys(columns) as (keyof C & string)[];
    const inserted = names.filter((n) => columns[n]!.source.kind !== 'later');
    const fromRow = names.filter((n) => ['field', 'compute'].includes(columns[n]!.source.kind));
    const at = Object.fromEntries(inserted.map((n, i) => [n, i])) as { [K in keyof C]: number };
    const shape = { table, columns, names, inserted, fromRow, key, at } as Omit<RowShape<R, C, Table>, 'values'>;
    const given = inserted.filter((n) => columns[n]!.source.kind === 'given').map((_, j) => `g${j}`);
    const values = generate<(row: R, ...given: unknown[]) => unknown[]>(shape, inserted, ['r', ...given], (v) => `return [${v}];`);
    return { ...shape, values };
  };
}

type AnyShape = Omit<RowShape<any, Columns<any>>, 'values'>;

/**
 * Builds a function once from the shape. `columns` are the columns whose values it uses, in order;
 * `params` its parameters (the row is `r`, given values `g0`, `g1`, ...); `body` gets the values'
 * expressions joined with commas.
 */
function generate<Fn>(shape: AnyShape, columns: readonly string[], params: string[], body: (values: string) => string): Fn {
  const computed: ((r: unknown) => unknown)[] = [];
  let given = 0;
  const exprs = columns.map((n) => {
    const s = shape.columns[n]!.source;
    if (s.kind === 'field') return `r.${identifier(s.field)}`;
    if (s.kind === 'compute') return `c${computed.push(s.compute) - 1}(r)`;
    if (s.kind === 'given') return `g${given++}`;
    throw new Error(`${shape.table}.${n} is not written on insert`);
  });
  const names = computed.map((_, i) => `c${i}`);
  // The computed columns' functions are bound as constants of the generated function's closure.
  return new Function(...names, `return function (${params.join(', ')}) { ${body(exprs.join(', '))} };`)(...computed) as Fn;
}

function identifier(name: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`row shape: field ${JSON.stringify(name)} is not an identifier`);
  return name;
}

/**
 * `run(stmt, row, ...given)` calls `stmt.run` with the row's values as separate arguments, in `inserted`
 * order: for prepared inserts on the hot path (no array per row).
 */
export function insertRunner<R, C extends Columns<R>>(shape: RowShape<R, C>): <Out>(stmt: { run(...values: unknown[]): Out }, row: R, ...given: unknown[]) => Out {
  const g = shape.inserted.filter((n) => shape.columns[n]!.source.kind === 'given').map((_, j) => `g${j}`);
  return generate(shape, shape.inserted, ['stmt', 'r', ...g], (v) => `return stmt.run(${v});`);
}

/**
 * `push(out, lead..., row)` appends `lead` leading values then the row's `fromRow` values to `out`, in one
 * push: how the read worker puts a record (tag, line, raw text, fields) into a flat batch.
 */
export function rowPusher<R, C extends Columns<R>>(shape: RowShape<R, C>, lead: number): (out: unknown[], ...leadThenRow: unknown[]) => void {
  const l = Array.from({ length: lead }, (_, i) => `l${i}`);
  return generate(shape, shape.fromRow, ['out', ...l, 'r'], (v) => `out.push(${[...l, v].join(', ')});`);
}

/** `array(lead..., row)`: the leading values then the row's `fromRow` values, as a new array (a staging row). */
export function rowArray<R, C extends Columns<R>>(shape: RowShape<R, C>, lead: number): (...leadThenRow: unknown[]) => unknown[] {
  const l = Array.from({ length: lead }, (_, i) => `l${i}`);
  return generate(shape, shape.fromRow, [...l, 'r'], (v) => `return [${[...l, v].join(', ')}];`);
}

/**
 * `read(values, i)`: the row object whose `fromRow` values start at `values[i]` (the inverse of
 * rowPusher), built as one object literal of fixed shape. Every field of R must be copied into a column
 * (`AllFieldsCopied`), so the object is a whole R.
 */
export function rowReader<R, C extends Columns<R>>(shape: RowShape<R, C> & { columns: C }, _check?: AllFieldsCopied<R, C>): (values: readonly unknown[], i: number) => R {
  const fields = shape.fromRow.map((n, k) => {
    const s = shape.columns[n]!.source;
    if (s.kind !== 'field') throw new Error(`${shape.table}.${n} is computed: its row cannot be read back`);
    return `${identifier(s.field)}: v[i + ${k}]`;
  });
  return new Function('v', 'i', `return { ${fields.join(', ')} };`) as (values: readonly unknown[], i: number) => R;
}
