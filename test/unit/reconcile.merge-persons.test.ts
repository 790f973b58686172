import { describe, expect, it } from 'vitest';
import { mergePersons } from '../../src/reconcile/merge-persons.js';
import type { PersonFacts } from '../../src/reconcile/person-facts.js';

const person = (idNumber: string): PersonFacts => ({ idNumber, birthDate: '1990-01-01', payments: [], roster: [], employeeEnrollments: [] });

async function* stream(...ids: string[]): AsyncGenerator<PersonFacts> {
  for (const id of ids) yield person(id);
}

describe('merging the shard groups\' person streams', () => {
  it('gives every person once, in id_number order (byte order), whatever stream holds them; empty streams are passed over', async () => {
    const got: string[] = [];
    for await (const p of mergePersons([stream('B', 'a', 'c'), stream(), stream('A', 'b', 'd', 'e'), stream('C')])) got.push(p.idNumber);
    expect(got).toEqual(['A', 'B', 'C', 'a', 'b', 'c', 'd', 'e']);
  });

  it('ends at once on no streams', async () => {
    const got: PersonFacts[] = [];
    for await (const p of mergePersons([])) got.push(p);
    expect(got).toEqual([]);
  });
});
