import type { PersonFacts } from './person-facts.js';

/**
 * Several person streams, each in id_number order and holding disjoint persons (the shard groups of a
 * Citus cluster: person-stream.ts over each, db/postgres/citus-shard-readers.ts), as one stream in
 * id_number order: the order the writer and reconciliation.csv's spill rely on (export/region-spill.ts).
 * It holds one person per stream. The smallest head is found by a scan: a cluster has tens of shard groups,
 * and comparing their heads costs little beside reading and reconciling a person.
 */
export async function* mergePersons(streams: AsyncIterator<PersonFacts>[]): AsyncGenerator<PersonFacts> {
  const heads: (PersonFacts | undefined)[] = [];
  for (const s of streams) heads.push(await next(s));
  for (;;) {
    let min = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h && (min < 0 || h.idNumber < heads[min]!.idNumber)) min = i;
    }
    if (min < 0) return;
    yield heads[min]!;
    heads[min] = await next(streams[min]!);
  }
}

async function next(s: AsyncIterator<PersonFacts>): Promise<PersonFacts | undefined> {
  const r = await s.next();
  return r.done ? undefined : r.value;
}
