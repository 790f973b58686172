import { parse } from 'csv-parse/sync';

/**
 * What the framer decided about each stretch of input, in file order: a record with its fields, or a
 * malformed line with the reason.
 */
export type FrameEvent =
  | { type: 'record'; line: number; raw: string; fields: string[] }
  | { type: 'malformed'; line: number; raw: string; detail: string }
  | { type: 'oversized'; line: number; raw: string; detail: string };

/** A legitimate quoted field rarely spans more than a few lines; past these limits the quote is unclosed. */
export const MAX_RECORD_LINES = 20;
export const MAX_RECORD_CHARS = 64 * 1024;

/**
 * The longest line the framer reads (1 MiB of characters; a real record is a few hundred): a longer one is
 * not kept but skipped to its line end and rejected as OVERSIZED_ROW, so that no line can exhaust memory
 * (spec 2.4). Its raw text in the reject is cut to the first OVERSIZED_RAW_CHARS characters: an Excel cell
 * holds at most 32,767, and the start of the line is enough to find it.
 */
export const MAX_LINE_CHARS = 1024 * 1024;
export const OVERSIZED_RAW_CHARS = 1000;

/** A physical line; `length` is set only on an oversized one, whose `text` is then its first characters. */
type Line = { no: number; text: string; term: string; length?: number };
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
 * Line ends: LF or CRLF; or, when the first line end of the file is a bare CR (old Excel "CSV (Macintosh)"),
 * a bare CR. The style is decided once, at that first line end, so an LF file's fast path is unchanged; in a
 * CR file an LF (and in an LF file a bare CR) inside a quoted field is data. A line longer than
 * MAX_LINE_CHARS is skipped to its line end, counting only, and rejected as oversized; the next lines are
 * framed as usual.
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
  /** The line end of this file, once its first line end is seen: LF (CRLF too) or a bare CR. */
  private eol: '\n' | '\r' | null = null;
  /** The oversized line being skipped: its first characters and its length so far. */
  private skipping: { head: string; length: number } | null = null;
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
    let text = this.partial + chunk;
    this.partial = '';
    if (this.eol === null) this.eol = lineEndOf(text);
    if (this.skipping) {
      text = this.skip(text);
      if (this.skipping) return;
    }
    let start = 0;
    // LF and CRLF, nearly every file: this loop is the framer's hot path, kept as tight as it was.
    if (this.eol === '\n') {
      for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
        const cr = nl > start && text.charCodeAt(nl - 1) === 13;
        const end = cr ? nl - 1 : nl;
        if (end - start > MAX_LINE_CHARS) this.longLine(text, start, end);
        else {
          const line = text.slice(start, end);
          if (!this.plainRecord(line)) this.feed({ no: this.lineNo, text: line, term: cr ? '\r\n' : '\n' }, false);
        }
        start = nl + 1;
      }
    } else if (this.eol === '\r') {
      start = this.crLines(text);
    }
    const rest = text.slice(start);
    if (rest.length <= MAX_LINE_CHARS) this.partial = rest;
    else this.skipping = { head: copyOf(rest.slice(0, OVERSIZED_RAW_CHARS)), length: rest.length };
  }

  /** The whole lines of `text` in a file whose lines end with a bare CR; returns where the rest starts. */
  private crLines(text: string): number {
    let start = 0;
    for (let cr = text.indexOf('\r', start); cr !== -1; cr = text.indexOf('\r', start)) {
      if (cr - start > MAX_LINE_CHARS) this.longLine(text, start, cr);
      else {
        const line = text.slice(start, cr);
        if (!this.plainRecord(line)) this.feed({ no: this.lineNo, text: line, term: '\r' }, false);
      }
      start = cr + 1;
    }
    return start;
  }

  /** A whole line longer than MAX_LINE_CHARS: framed (rejected) with only its first characters. */
  private longLine(text: string, start: number, end: number): void {
    this.feed({ no: ++this.lineNo, text: copyOf(text.slice(start, start + OVERSIZED_RAW_CHARS)), term: '', length: end - start }, false);
  }

  /**
   * Skips the rest of an oversized line, counting its characters, up to its line end (or to the end of
   * `text`, the line going on). Returns what follows the line end, once the line is over.
   */
  private skip(text: string): string {
    const skipping = this.skipping!;
    const eol = this.eol;
    // No line end seen yet in the file: a CR at the very end may still be one (and decide the style).
    const at = eol === null ? -1 : text.indexOf(eol);
    if (at === -1) {
      const held = eol === null && text.endsWith('\r') ? 1 : 0;
      skipping.length += text.length - held;
      this.partial = held ? '\r' : '';
      return '';
    }
    const cr = eol === '\n' && at > 0 && text.charCodeAt(at - 1) === 13;
    skipping.length += cr ? at - 1 : at;
    this.endSkipping();
    return text.slice(at + 1);
  }

  /** The oversized line being skipped is over: it is framed (rejected) in its place. */
  private endSkipping(): void {
    const { head, length } = this.skipping!;
    this.skipping = null;
    this.feed({ no: ++this.lineNo, text: head, term: '', length }, false);
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
    // A file whose only line end is a CR as its very last character.
    if (this.eol === null && this.partial.endsWith('\r')) {
      this.eol = '\r';
      this.write('');
    }
    if (this.skipping) this.endSkipping();
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
        if (next.length !== undefined) {
          this.events.push(oversized(next, next.length));
          continue;
        }
        if (next.text.trim() === '') {
          this.blankLines++;
          continue;
        }
        this.pending.push(next);
      } else if (queue.length) {
        // An oversized line cannot continue an open record (it is past MAX_RECORD_CHARS on its own).
        if (queue[0]!.length !== undefined) {
          queue.unshift(...this.rejectFirstLine('unclosed quote: the quoted field is never closed'));
          continue;
        }
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

/** The reject of an oversized line: its number, its first characters, and why. */
function oversized(line: Line, length: number): FrameEvent {
  return {
    type: 'oversized', line: line.no, raw: line.text,
    detail: `the line has ${length.toLocaleString('en-US')} characters, more than the ${MAX_LINE_CHARS.toLocaleString('en-US')} allowed per record: it was not read, and its raw text here is cut to the first ${OVERSIZED_RAW_CHARS.toLocaleString('en-US')}`,
  };
}

/**
 * The line end of a file, from the text read so far: that of its first line end. LF or CRLF give LF; a CR
 * followed by anything else gives CR; null while no line end has been seen (or the text ends with a CR,
 * whose next character decides).
 */
function lineEndOf(text: string): '\n' | '\r' | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? null : '\n';
  if (cr + 1 === text.length) return null;
  return text.charCodeAt(cr + 1) === 10 ? '\n' : '\r';
}

/**
 * A copy of a short slice that does not hold its parent string in memory (V8 keeps a slice as a view of
 * it): the head of an oversized line must not keep the megabytes after it alive.
 */
function copyOf(slice: string): string {
  return Buffer.from(slice, 'utf16le').toString('utf16le');
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
