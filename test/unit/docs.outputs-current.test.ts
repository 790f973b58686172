import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guideRows, guideSections } from '../../src/export/output-guide.js';
// @ts-expect-error: a plain ESM script without types (scripts/outputs-doc.mjs, `npm run docs:outputs`)
import { DOC, fillDoc, renderParts } from '../../scripts/outputs-doc.mjs';

/** docs/outputs.md's tables are generated from the output guide: the file must be what the script writes now. */
describe('docs/outputs.md is generated from src/export/output-guide.ts', () => {
  const parts = renderParts({ en: guideRows('en'), zh: guideRows('zh'), sections: guideSections() }) as Record<string, string>;

  it('is up to date (else: npm run docs:outputs, and commit the file)', () => {
    const text = readFileSync(DOC, 'utf8');
    expect(fillDoc(text, parts), 'docs/outputs.md is out of date with output-guide.ts: run npm run docs:outputs').toBe(text);
  });

  it('has a table line for every row of the guide, and the handbook again in Chinese', () => {
    const lines = Object.values(parts).join('\n').split('\n').filter((l) => l.startsWith('| ') && !/^\| (file|column|code|代码) \|/.test(l));
    const codeRows = guideSections().filter((s) => s.kind === 'codes').reduce((n, s) => n + s.rows, 0);
    expect(lines).toHaveLength(guideRows('en').length + codeRows);
    expect(lines).toContain('| `REVIEW` | 人工复核 (REVIEW) | ' + guideRows('en').find((r) => r.item === 'REVIEW')!.meaning + ' | ' + guideRows('en').find((r) => r.item === 'REVIEW')!.todo + ' |');
  });

  it('refuses a page without a place for a part, or a marker naming no part', () => {
    expect(() => fillDoc('no markers', parts)).toThrow(/no place for the generated part/);
    expect(() => fillDoc('<!-- generated: nothing (npm run docs:outputs) -->\n<!-- end generated -->', parts)).toThrow(/no generated part named nothing/);
  });
});
