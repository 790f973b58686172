import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { scanFile } from '../../src/ingest/scan-file.js';
import { join, tmp } from '../helpers/files.js';

const dir = tmp();
const write = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const TEXT = '证件号码,姓名\n360702,张某甲\n';

describe('encoding detection', () => {
  it('detects UTF-8 without BOM', async () => {
    expect((await scanFile(write('a.csv', Buffer.from(TEXT)))).encoding).toBe('utf-8');
  });

  it('detects UTF-8 with BOM', async () => {
    expect((await scanFile(write('b.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])))).encoding).toBe('utf-8-bom');
  });

  it('detects GB18030 (and so GBK) text', async () => {
    expect((await scanFile(write('c.csv', iconv.encode(TEXT, 'gb18030')))).encoding).toBe('gb18030');
    expect((await scanFile(write('d.csv', iconv.encode(TEXT, 'gbk')))).encoding).toBe('gb18030');
  });

  it('sees a GBK character far into a large file, past the first chunk', async () => {
    const big = Buffer.concat([Buffer.from('a,b\n' + 'x,y\n'.repeat(600_000)), iconv.encode('张,某\n', 'gbk')]);
    expect((await scanFile(write('e.csv', big))).encoding).toBe('gb18030');
  });

  it('keeps UTF-8 when a multi-byte character straddles two read chunks', async () => {
    const pad = Buffer.alloc((1 << 20) - 1, 0x61); // the 3-byte 张 starts on the last byte of the first chunk
    expect((await scanFile(write('f.csv', Buffer.concat([pad, Buffer.from('张\n')])))).encoding).toBe('utf-8');
  });

  it('refuses UTF-16 with a hint, and computes the same sha256 for the same bytes', async () => {
    const s = await scanFile(write('g.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')])));
    expect(s.encoding).toBeNull();
    expect(s.undecodableDetail).toContain('UTF-16');
    const a = await scanFile(write('h1.csv', Buffer.from(TEXT)));
    const b = await scanFile(write('h2.csv', Buffer.from(TEXT)));
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
