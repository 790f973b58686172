import type { DuplicateEntry } from './person-facts.js';

export type BlockMember = { idNumber: string; name: string };

/** Positions at which two ID numbers of the same length differ. */
export function differingCharacters(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * Rule 8 within one block (same name and birth date): different ID numbers that differ in at most two
 * characters are listed for review. Work is quadratic in the block only; blocks are small (people who
 * share a name and a birth date), which keeps the whole step linear in the number of persons.
 */
export function pairsInBlock(members: BlockMember[], onCompare: () => void = () => {}): DuplicateEntry[] {
  const out: DuplicateEntry[] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      onCompare();
      const a = members[i]!;
      const b = members[j]!;
      const d = differingCharacters(a.idNumber, b.idNumber);
      if (d === 0 || d > 2) continue;
      out.push({
        kind: 'POSSIBLE_DUPLICATE', idNumber: a.idNumber, name: a.name, regionCodes: [], txnIds: [],
        otherIdNumber: b.idNumber, detail: `same name and birth date; ID numbers differ in ${d} character${d > 1 ? 's' : ''}`,
      });
    }
  }
  return out;
}
