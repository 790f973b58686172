import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, MAX_RECORD_LINES, OVERSIZED_RAW_CHARS, RecordFramer, recordShape } from '../../src/ingest/record-framer.js';

async function frame(text: string, chunkSize = 7) {
  const framer = new RecordFramer();
  for (let i = 0; i < text.length; i += chunkSize) framer.write(text.slice(i, i + chunkSize));
  framer.end();
  const events = [...framer.events];
  const out = events.filter((e) => e.type === 'record').map((e) => e.raw + '\n').join('');
  return { out, events, blank: framer.blankLines };
}

describe('record framer', () => {
  it('gives each record its fields: split on commas, or parsed by csv-parse when quoted', async () => {
    const { events } = await frame('a,b,c\r\n1,"x,\r\n""y""",3\r\n4, 5 ,\r\n');
    expect(events.map((e) => (e.type === 'record' ? e.fields : e.detail))).toEqual([['a', 'b', 'c'], ['1', 'x,\r\n"y"', '3'], ['4', ' 5 ', '']]);
  });

  it('numbers records by their first line, across chunk boundaries and CRLF', async () => {
    const { events, out } = await frame('a,b,c\r\n1,"x\r\ny",3\r\n4,5,6\r\n');
    expect(events.map((e) => [e.type, e.line])).toEqual([['record', 1], ['record', 2], ['record', 4]]);
    expect(out).toBe('a,b,c\n1,"x\r\ny",3\n4,5,6\n');
  });

  it('rejects a wrong field count on its own line', async () => {
    const { events } = await frame('a,b,c\n1,2\n4,5,6\n');
    expect(events[1]).toEqual({ type: 'malformed', line: 2, raw: '1,2', detail: 'expected 3 fields, got 2' });
    expect(events[2]).toMatchObject({ type: 'record', line: 3 });
  });

  it('rejects only the line of an unclosed quote; the lines after it are framed again', async () => {
    const { events } = await frame('a,b,c\n1,"x,3\n4,5,6\n6,"7",8\n9,9,9\n');
    expect(events.map((e) => [e.type, e.line])).toEqual([
      ['record', 1], ['malformed', 2], ['record', 3], ['record', 4], ['record', 5],
    ]);
  });

  it('rejects an unclosed quote at the end of the file', async () => {
    const { events } = await frame('a,b,c\n1,2,3\n4,"5,6\n7,8,9');
    expect(events.map((e) => [e.type, e.line])).toEqual([['record', 1], ['record', 2], ['malformed', 3], ['record', 4]]);
  });

  it('gives up on a quote still open after MAX_RECORD_LINES lines', async () => {
    const body = Array.from({ length: MAX_RECORD_LINES + 5 }, (_, i) => `x${i}`).join('\n');
    const { events } = await frame(`a\n"${body}\n`);
    expect(events[1]).toMatchObject({ type: 'malformed', line: 2 });
    expect(events.filter((e) => e.type === 'record')).toHaveLength(MAX_RECORD_LINES + 5);
  });

  it('rejects text after a closing quote and a quote inside an unquoted field', async () => {
    const { events } = await frame('a,b,c\n1,"x"y,3\n1,x"y,3\n4,5,6\n');
    expect(events.slice(1).map((e) => e.type)).toEqual(['malformed', 'malformed', 'record']);
  });

  it('skips and counts blank lines', async () => {
    const { events, blank } = await frame('a,b\n\n1,2\n   \n3,4\n\n');
    expect(events.map((e) => e.line)).toEqual([1, 3, 5]);
    expect(blank).toBe(3);
  });

  it('counts lines of other blanks (ideographic space, no-break space, tab) as blank, and a line starting with one as a record', async () => {
    const { events, blank } = await frame('a,b\n\u3000\u3000\n1,2\n\u00a0\t\n\u30003,4\n');
    expect(events.map((e) => e.line)).toEqual([1, 3, 5]);
    expect(events.at(-1)).toMatchObject({ type: 'record', fields: ['\u30003', '4'] });
    expect(blank).toBe(2);
  });

  it('reads the shape of a record', () => {
    expect(recordShape('a,"b,c",d')).toEqual({ complete: true, fields: 3, problem: null });
    expect(recordShape('a,"b ""q"" c",d')).toEqual({ complete: true, fields: 3, problem: null });
    expect(recordShape('a,"b')).toEqual({ complete: false });
    expect(recordShape(' "a" ,b')).toEqual({ complete: true, fields: 2, problem: null });
  });

  it('rejects a line past MAX_LINE_CHARS as oversized, keeping only its head, and frames the next lines', async () => {
    const long = `2,"${'y'.repeat(MAX_LINE_CHARS)}",3`;
    for (const chunkSize of [65536, 1 << 20, 3 << 20]) {
      const { events } = await frame(`a,b,c\r\n1,2,3\r\n${long}\r\n4,5,6\r\n`, chunkSize);
      expect(events.map((e) => [e.type, e.line])).toEqual([['record', 1], ['record', 2], ['oversized', 3], ['record', 4]]);
      expect(events[2]!.raw).toBe(long.slice(0, OVERSIZED_RAW_CHARS));
      expect(events[2]).toMatchObject({ detail: expect.stringContaining(`${(long.length).toLocaleString('en-US')} characters`) });
    }
  });

  it('rejects an oversized last line and an oversized first line', async () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 1);
    expect((await frame(`a\n1\n${long}`, 1 << 16)).events.map((e) => [e.type, e.line])).toEqual([['record', 1], ['record', 2], ['oversized', 3]]);
    expect((await frame(`${long}\ra\r1\r`, 1 << 16)).events.map((e) => [e.type, e.line])).toEqual([['oversized', 1], ['record', 2], ['record', 3]]);
    expect((await frame(`a\n${'x'.repeat(MAX_LINE_CHARS)}\n`, 1 << 16)).events.map((e) => e.type)).toEqual(['record', 'record']);
  });

  it('rejects the first line of a record still open at an oversized line, then the oversized line', async () => {
    const { events } = await frame(`a,b\n1,"x\n2,2\n${'z'.repeat(MAX_LINE_CHARS + 1)}\n3,3\n`, 1 << 16);
    expect(events.map((e) => [e.type, e.line])).toEqual([['record', 1], ['malformed', 2], ['record', 3], ['oversized', 4], ['record', 5]]);
  });

  it('takes a bare CR as the line end when the first line ends with one; a CR or LF inside quotes is data', async () => {
    for (const chunkSize of [1, 7, 1000]) {
      const { events } = await frame('a,b,c\r1,"x\ry",3\r4,"p\nq",6\r\r7,8,9', chunkSize);
      expect(events.map((e) => (e.type === 'record' ? [e.line, ...e.fields] : e.type))).toEqual([
        [1, 'a', 'b', 'c'], [2, '1', 'x\ry', '3'], [4, '4', 'p\nq', '6'], [6, '7', '8', '9'],
      ]);
    }
  });

  it('keeps LF line ends when the first line ends with LF or CRLF, a bare CR later being data', async () => {
    const { events } = await frame('a,b\r\n1,"x\ry"\r\n2,3', 3);
    expect(events.map((e) => (e.type === 'record' ? e.fields : e.type))).toEqual([['a', 'b'], ['1', 'x\ry'], ['2', '3']]);
    const lf = await frame('a,b\n1,x\ry\n', 2);
    expect(lf.events.map((e) => (e.type === 'record' ? e.fields : e.type))).toEqual([['a', 'b'], ['1', 'x\ry']]);
  });

  it('reads a file whose only line end is a final CR', async () => {
    const { events } = await frame('a,b\r', 1);
    expect(events.map((e) => (e.type === 'record' ? e.fields : e.type))).toEqual([['a', 'b']]);
  });
});
