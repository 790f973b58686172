import { describe, expect, it } from 'vitest';
import { pairsInBlock } from '../../src/reconcile/possible-duplicates.js';

/** Rule 8's pairing within one block; test/e2e/reconcile.possible-duplicates.test.ts runs it through the CLI. */
describe('rule 8: possible duplicates, within a block', () => {
  it('pairs within a block only: the work grows with the block, not the population', () => {
    let compares = 0;
    const found = pairsInBlock([{ idNumber: '360702199001019234', name: 'A' }, { idNumber: '360702199001019281', name: 'A' }, { idNumber: '360702199001010000', name: 'A' }], () => compares++);
    expect(found.map((d) => [d.idNumber, d.otherIdNumber])).toEqual([['360702199001019234', '360702199001019281']]);
    expect(compares).toBe(3); // 3 members → 3 pairs; persons outside the block are never compared
  });
});
