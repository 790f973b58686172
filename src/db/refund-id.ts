import { createHash } from 'node:crypto';

/**
 * refunds.csv's `refund_id` (spec 5 v2): the same refund (coverage year, person, region, payee, reason) has the
 * same id every night, while its amount may change, so that the finance system can tell a new refund from one
 * it has already received. It is derived from that key alone, so no state is kept between nights and a
 * rebuilt database gives the same ids: `RF` and the first 16 hex digits (64 bits) of the key's SHA-256.
 * At ten million refunds the chance of any two sharing an id is about 3 in a million; a year's ids are
 * checked unique before its reconcile commits (result-invariants.ts), so a collision stops the run rather
 * than merge two refunds. The id is a one-way digest; the key's ID number is in the file beside it anyway.
 */
export function refundId(year: number, idNumber: string, regionCode: string, payee: string, reason: string): string {
  const digest = createHash('sha256').update(`${year}|${idNumber}|${regionCode}|${payee}|${reason}`).digest('hex');
  return `RF${digest.slice(0, 16).toUpperCase()}`;
}
