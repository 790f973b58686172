/**
 * Text from outside the job, file names above all (Linux allows every character but `/` and NUL in one),
 * made safe to print in the text log and `recon ingest`'s lines. Raw, a control character would rewrite
 * the operator's terminal (an ANSI sequence starts with ESC, or the C1 character CSI) or forge log lines
 * (a newline, a carriage return; U+2028/2029, at which some viewers break lines). Each is shown escaped,
 * visibly: `\n`, `\r`, `\t`, `\x1b`, `\x7f`, `\x9b`, `\u2028`. So are the bidirectional controls
 * (U+202A–202E, U+2066–2069), which reorder how the rest of the line is shown. A backslash is left as it
 * is: the point is a terminal and a log that show what is there, not a reversible encoding.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hex = (c: string, digits: number) => c.charCodeAt(0).toString(16).padStart(digits, '0');

export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** Every string inside `value` (an event: its fields, arrays and objects) through `visible`. */
export function visibleDeep<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map(visibleDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visibleDeep(v)])) as T;
  return value;
}

/**
 * A JSON log line with the characters JSON.stringify leaves raw escaped as `\uXXXX`: it escapes C0 (a
 * newline is `\n`, ESC `\u001b`) but not DEL, C1, U+2028/2029 or the bidirectional controls. These can only
 * occur inside strings, where the escape means the same character, so the line parses to the same value.
 */
export function jsonVisible(line: string): string {
  return line.replace(UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
