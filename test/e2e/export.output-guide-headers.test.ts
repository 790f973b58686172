import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { guideRows, guideSections } from '../../src/export/output-guide.js';
import { recon } from '../helpers/cli.js';
import { night } from '../helpers/run.js';

/**
 * The output guide (docs/outputs.md, the workbook's 说明/Guide sheet) explains every column the outputs write,
 * under the header the output writes in each language: checked against the files the real CLI writes on the
 * bundled fixtures, in English and in Chinese. A column, file or manifest field added without its guide entry
 * fails here.
 */

describe('the output guide explains every column of every output, under the header the output writes', () => {
  const outs = { en: '', zh: '' };
  beforeAll(() => {
    const n = night();
    const run = recon(n.args());
    expect(run.code, run.stderr).toBe(0);
    outs.en = n.out;
    outs.zh = join(n.root, 'out-zh');
    const zh = recon(['export', '--db', n.db, '--out', outs.zh, '--year', '2023', '--lang', 'zh']);
    expect(zh.code, zh.stderr).toBe(0);
  });

  const headerOf = (file: string) => readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n')[0]!.split(',');
  const itemsOf = (lang: 'en' | 'zh', section: string) => guideRows(lang).filter((r) => r.section === section).map((r) => r.item);

  it('lists every file the night writes, and the night writes every file it lists', () => {
    const files = itemsOf('en', 'output file');
    const written = readdirSync(outs.en).filter((f) => !f.startsWith('.'));
    expect(written.filter((f) => !files.includes(f)), 'written, not in the guide').toEqual([]);
    expect(files.filter((f) => !written.includes(f)), 'in the guide, not written').toEqual([]);
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`gives each CSV's columns in its order, as its ${lang} header writes them`, () => {
      const csvs = guideSections().filter((s) => s.kind === 'columns' && s.en.endsWith('.csv'));
      expect(csvs.length).toBeGreaterThanOrEqual(7);
      for (const s of csvs) {
        expect(headerOf(join(outs[lang], s.en)), s.en).toEqual(itemsOf(lang, lang === 'en' ? s.en : s.zh));
      }
    });
  }

  it('gives every field of manifest.json, in its order', () => {
    const manifest = JSON.parse(readFileSync(join(outs.en, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual(itemsOf('en', 'manifest.json'));
  });
});
