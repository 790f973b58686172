import { parse } from 'csv-parse/sync';

/**
 * What the framer decided about each stretch of input, in file order: a record with its fields, or a
 * malformed line with the reason.
 */
export type FrameEvent =
  | { type: 'record'; line: number; raw: string; fields: string[] }
  | { type: 'malformed'; line: number; raw: string; detail: string };

/** A legitimate quoted field rarely spans more than a few lines; past these limits the quote is unclosed. */
export const MAX_RECORD_LINES = 20;
export const MAX_RECORD_CHARS = 64 * 1024;

type Line = { no: number; text: string; term: string };
type Shape = { complete: false } | { complete: true; fields: number; problem: string | null };

/**
 * Line framer: the first stage of reading a CSV file.
 *
 * csv-parse stops being useful at the first badly quoted record: an unclosed quote swallows every line up
 * to the next quote character (or the end of the file), and its line counter drifts on CRLF input. The
 * framer therefore reads physical lines, numbers them itself, groups them into records by quote state
 * (RFC 4180), and checks each record's quoting and field count. Only well-formed records get fields, so
 * every `record` event is one whole record. Recovery rule, which keeps every later row:
 * a record that spans several lines but cannot be one record (wrong field count, bad quoting, or still
 * open after MAX_RECORD_LINES / MAX_RECORD_CHARS or at the end of the file) is an unclosed quote on its
 * first line; that line is rejected and the following lines are framed again. Blank lines are not records;
 * they are counted in `blankLines`.
 *
 * Fields: a record without a quote character (nearly all of them) is split on commas here; a record with
 * quotes goes to csv-parse (its sync API, one record at a time). Streaming every record through csv-parse
 * cost more than all the validation together (docs/performance.md); the framer has already found where
 * every record ends and that its quoting is sound, which was the hard part.
 */
export class RecordFramer {
  /** Framed records and malformed lines not yet taken by the reader (see `nextEvent`). */
  readonly events: FrameEvent[] = [];
  private taken = 0;
  blankLines = 0;
  private partial = '';
  private lineNo = 0;
  private expectedFields: number | null = null;
  private pending: Line[] = [];

  /**
   * The next event in order, or undefined when none is waiting. Taken events are dropped from memory in
   * chunks, so a file of any size holds only the records the reader has not taken yet.
   */
  nextEvent(): FrameEvent | undefined {
    const event = this.events[this.taken];
    if (event === undefined) return undefined;
    this.taken++;
    if (this.taken >= 4096) {
      this.events.splice(0, this.taken);
      this.taken = 0;
    }
    return event;
  }

  /** Takes the next piece of decoded text (any size; lines may span pieces). */
  write(chunk: string): void {
    const text = this.partial + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const cr = nl > start && text.charCodeAt(nl - 1) === 13;
      const line = text.slice(start, cr ? nl - 1 : nl);
      start = nl + 1;
      if (this.plainRecord(line)) continue;
      this.feed({ no: this.lineNo, text: line, term: cr ? '\r\n' : '\n' }, false);
    }
    this.partial = text.slice(start);
  }

  /**
   * The common case, without the general machinery: no record is open and the line has no quote, so it
   * is one whole record on its own. Its fields are split here and counted against the header's. Returns
   * false (after numbering the line) for anything else, which `feed` then handles.
   */
  private plainRecord(line: string): boolean {
    this.lineNo++;
    if (this.pending.length > 0 || this.expectedFields === null || line.indexOf('"') !== -1 || isBlankLine(line)) return false;
    const fields = line.split(',');
    if (fields.length === this.expectedFields) this.events.push({ type: 'record', line: this.lineNo, raw: line, fields });
    else this.events.push({ type: 'malformed', line: this.lineNo, raw: line, detail: `expected ${this.expectedFields} fields, got ${fields.length}` });
    return true;
  }

  /** The end of the input: frames the last line and whatever record is still open. */
  end(): void {
    if (this.partial !== '') this.feed({ no: ++this.lineNo, text: this.partial, term: '' }, false);
    this.partial = '';
    this.feed(null, true);
  }

  /** Adds a line (or, at the end, nothing) and queues the events of the records now complete. */
  private feed(line: Line | null, atEnd: boolean): void {
    const queue: Line[] = line ? [line] : [];
    for (;;) {
      if (this.pending.length === 0) {
        const next = queue.shift();
        if (!next) break;
        if (next.text.trim() === '') {
          this.blankLines++;
          continue;
        }
        this.pending.push(next);
      } else if (queue.length) {
        this.pending.push(queue.shift()!);
      } else if (!atEnd) {
        break;
      }
      // With no more input (atEnd) and an open record, fall through with the pending lines as they are.
      const raw = this.pending.map((l, i) => (i === this.pending.length - 1 ? l.text : l.text + l.term)).join('');
      const shape = recordShape(raw);
      const multi = this.pending.length > 1;
      if (!shape.complete) {
        const tooLong = this.pending.length > MAX_RECORD_LINES || raw.length > MAX_RECORD_CHARS;
        if (!tooLong && !(atEnd && queue.length === 0)) continue;
        queue.unshift(...this.rejectFirstLine('unclosed quote: the quoted field is never closed'));
        continue;
      }
      const problem =
        shape.problem ??
        (this.expectedFields !== null && shape.fields !== this.expectedFields
          ? `expected ${this.expectedFields} fields, got ${shape.fields}`
          : null);
      if (problem && multi) {
        queue.unshift(...this.rejectFirstLine(`unclosed quote: the record cannot end on a later line (${problem})`));
        continue;
      }
      const first = this.pending[0]!;
      this.pending = [];
      if (problem) {
        this.events.push({ type: 'malformed', line: first.no, raw, detail: problem });
        continue;
      }
      if (this.expectedFields === null) this.expectedFields = shape.fields;
      const fields = fieldsOf(raw);
      if (typeof fields === 'string') this.events.push({ type: 'malformed', line: first.no, raw, detail: fields });
      else this.events.push({ type: 'record', line: first.no, raw, fields });
    }
  }

  /** Rejects the first pending line and returns the others, to be framed again. */
  private rejectFirstLine(detail: string): Line[] {
    const [first, ...rest] = this.pending;
    this.pending = [];
    this.events.push({ type: 'malformed', line: first!.no, raw: first!.text, detail });
    return rest;
  }
}

/**
 * The fields of a well-formed record: split on commas, or parsed by csv-parse when it has quotes. Should
 * csv-parse still refuse one, its message comes back as the reason to reject the line.
 */
function fieldsOf(raw: string): string[] | string {
  if (raw.indexOf('"') === -1) return raw.split(',');
  try {
    return (parse(raw, { trim: true }) as string[][])[0] ?? [''];
  } catch (err) {
    return `malformed quoting: ${(err as Error).message}`;
  }
}

/**
 * The shape of one candidate record under RFC 4180 (comma, `"` quoting, `""` escape), allowing blanks
 * around a quoted field: whether its quotes are closed, how many fields it has, and the first quoting error.
 */
export function recordShape(text: string): Shape {
  if (text.indexOf('"') === -1) {
    let fields = 1;
    for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) fields++;
    return { complete: true, fields, problem: null };
  }
  let fields = 1;
  let i = 0;
  const n = text.length;
  for (;;) {
    let j = i;
    while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '"') {
      i = j + 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) return { complete: false };
        if (text[q + 1] === '"') {
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      if (i === n) return { complete: true, fields, problem: null };
      if (text[i] !== ',') return { complete: true, fields, problem: `text after a closing quote in field ${fields}` };
      fields++;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const quote = text.indexOf('"', i);
      if (quote !== -1 && quote < end) return { complete: true, fields, problem: `quote inside unquoted field ${fields}` };
      if (comma === -1) return { complete: true, fields, problem: null };
      fields++;
      i = comma + 1;
    }
  }
}

/** A line of blanks only (what `trim` removes); a line starting with a visible ASCII character is not. */
function isBlankLine(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return line.trim() === '';
}
