/**
 * How long a person's result holds (issue 21: incremental nights). A result is computed as of the as-of date
 * D; the rules that compare a date with D also say until which as-of date their answer stays the same
 * (status.ts deadlineHoldsUntil, entitled-assistance.ts referenceHoldsUntil). The person's result holds
 * until the earliest of these: on any later as-of date an incremental reconcile recomputes the person
 * (docs/architecture.md, "Incremental nights"). Dates are inclusive: the result is the same for every
 * as-of date from D to that date. null: no date changes the result, only new facts or another policy do.
 * Facts dated after D (a payment, a recognition or an enrollment starting, an end date) are never shown to
 * the rules (person-stream.ts), so they cannot say when those become visible: the reconcile finds such
 * facts in SQL instead (dirty-persons.ts).
 */
export type HoldsUntil = string | null;

/** The earlier of two holds-until dates (null holds on, so the other wins). */
export function earlierHold(a: HoldsUntil, b: HoldsUntil): HoldsUntil {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Collects the holds-until dates the rules give while one person is reconciled; `until` is the earliest. */
export class Horizon {
  until: HoldsUntil = null;
  note(date: HoldsUntil): void {
    this.until = earlierHold(this.until, date);
  }
}
