/**
 * The closed set of reject reasons (spec 2.4), the values of rejected_rows.reason. Row-level reasons describe
 * one input record; file-level reasons reject a whole file and are stored once with line 0. Ingest decides
 * which reason a line gets (src/ingest/); the list lives with the table so that the outputs (rejects.csv's
 * labels, the guide) can name every one.
 */
export const ROW_REASONS = [
  'MALFORMED_ROW',
  // A record or field past the job's size limits (record-framer.ts), so that no line can exhaust memory.
  'OVERSIZED_ROW',
  'MISSING_FIELD',
  'BAD_ID_NUMBER',
  'BAD_REGION_CODE',
  'BAD_AMOUNT',
  'BAD_DATE',
  'BAD_YEAR',
  'BAD_CATEGORY',
  'BAD_PAYER_TYPE',
  'BAD_TIER',
  'CONFLICTING_TXN_ID',
] as const;
export type RowReason = (typeof ROW_REASONS)[number];

export const FILE_REASONS = [
  'UNRECOGNISED_FILE', 'EMPTY_FILE', 'UNDECODABLE_FILE', 'TOO_MANY_REJECTS',
  // Permission denied, a dangling link, a link out of the inbox, not a regular file (spec 2.4, v2).
  'UNREADABLE_FILE',
] as const;
export type FileReason = (typeof FILE_REASONS)[number];

export type ReasonCode = RowReason | FileReason;
