import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/open-database.js';
import { failpoint } from '../failpoints.js';
import { nowInShanghai } from '../normalise/dates.js';
import { textDecoder, UndecodableError } from './text-decoder.js';
import { recogniseHeader, type RecognisedHeader } from './header-map.js';
import { IngestStore } from './ingest-store.js';
import { toPaymentRow } from './payment-row.js';
import type { FileReason, RowReject } from './reason-codes.js';
import { RecordFramer, type FrameEvent } from './record-framer.js';
import { toRosterRow } from './roster-row.js';
import { scanFile, type Encoding } from './scan-file.js';

export type ControlTotals = Record<string, { count: number; sum_fen: number }>;

/** What happened to one input file: the line `recon ingest` prints and the manifest records. */
export type FileReport = {
  file: string;
  sha256: string;
  bytes: number;
  kind: 'payments' | 'roster' | null;
  encoding: string | null;
  /** `ingested` now; `skipped` when the same bytes were ingested before; `rejected` when refused whole. */
  outcome: 'ingested' | 'skipped' | 'rejected';
  rejectReason: FileReason | null;
  rowsRead: number;
  accepted: number;
  updated: number;
  repeats: number;
  rejected: number;
  blankLines: number;
  extraColumns: string[];
  controlTotals: ControlTotals;
};

export type IngestOptions = {
  maxRejectRate: number;
  today: string;
  /** Called as the file is read (once per chunk of about 1 MiB), for progress bars and logs. */
  onProgress?: (progress: { bytesRead: number; rowsRead: number }) => void;
};

/** Raised when a file's counts do not add up: it would mean a lost row, so the run stops. */
export class InvariantError extends Error {}

class FileRejected extends Error {
  constructor(readonly reason: FileReason, readonly detail: string) {
    super(detail);
  }
}

/**
 * Ingests one file as one transaction (spec 2.4). Every data record ends exactly once as accepted, repeat
 * or reject; a file-level problem rejects the whole file and keeps none of its rows; a crash or an
 * exception leaves nothing of the file stored. The same bytes ingested before (under any name) are skipped.
 */
export async function ingestFile(db: Db, path: string, options: IngestOptions): Promise<FileReport> {
  const fileName = basename(path);
  const scan = await scanFile(path);
  const store = new IngestStore(db);
  const report: FileReport = {
    file: fileName, sha256: scan.sha256, bytes: scan.bytes, kind: null, encoding: scan.encoding,
    outcome: 'ingested', rejectReason: null, rowsRead: 0, accepted: 0, updated: 0, repeats: 0, rejected: 0,
    blankLines: 0, extraColumns: [], controlTotals: {},
  };

  const held = await store.findFile(scan.sha256);
  if (held && held.status === 'ingested') {
    return {
      ...report, file: held.file_name, kind: held.kind, encoding: held.encoding, outcome: 'skipped',
      rowsRead: held.rows_read, accepted: held.accepted, updated: held.updated, repeats: held.repeats,
      rejected: held.rejected, blankLines: held.blank_lines, extraColumns: JSON.parse(held.extra_columns),
      controlTotals: JSON.parse(held.control_totals),
    };
  }

  try {
    if (scan.bytes === 0) throw new FileRejected('EMPTY_FILE', 'the file is empty (0 bytes)');
    if (!scan.encoding) throw new FileRejected('UNDECODABLE_FILE', scan.undecodableDetail ?? 'unknown encoding');
    const encoding = scan.encoding;
    await db.transaction(async () => {
      await readRecords(store, path, encoding, report, options);
      if (report.rowsRead === 0) throw new FileRejected('EMPTY_FILE', 'the file has no data rows');
      const rate = report.rejected / report.rowsRead;
      if (rate > options.maxRejectRate) {
        throw new FileRejected(
          'TOO_MANY_REJECTS',
          `${report.rejected} of ${report.rowsRead} rows rejected (${(rate * 100).toFixed(1)}% > ${(options.maxRejectRate * 100).toFixed(1)}%); the columns are probably mis-mapped, none of its rows were kept`,
        );
      }
      checkAccounting(report);
      await store.recordFile(fileRecord(report, 'ingested', null));
    });
    return report;
  } catch (err) {
    if (!(err instanceof FileRejected) && !(err instanceof UndecodableError)) throw err;
    const reason: FileReason = err instanceof FileRejected ? err.reason : 'UNDECODABLE_FILE';
    const detail = err instanceof FileRejected ? err.detail : `the file holds ${err.message}`;
    return recordRejectedFile(db, store, report, reason, detail);
  }
}

/**
 * Reads the file chunk by chunk (1 MiB): bytes → decoder → framer → fields, and stores each record's
 * outcome. Everything after the read is synchronous, so one chunk's records are handled in one go.
 */
async function readRecords(
  store: IngestStore, path: string, encoding: Encoding, report: FileReport, options: IngestOptions,
): Promise<void> {
  const framer = new RecordFramer();
  const decoder = textDecoder(encoding);
  let header: RecognisedHeader | null = null;
  const storeReject = (line: number, raw: string, r: RowReject) => {
    report.rejected++;
    store.reject(report.sha256, report.file, { line, kind: report.kind ?? 'unknown', reason: r.reason, detail: r.detail, raw });
  };
  const handle = (event: FrameEvent) => {
    // A malformed line before the header is still a line read and rejected (its kind is not known yet).
    if (event.type === 'malformed') {
      report.rowsRead++;
      storeReject(event.line, event.raw, { reason: 'MALFORMED_ROW', detail: event.detail });
      return;
    }
    const record = event.fields;
    if (header === null) {
      header = recogniseHeader(record);
      if (!header.ok) throw new FileRejected('UNRECOGNISED_FILE', header.detail);
      report.kind = header.kind;
      report.extraColumns = header.map.extra;
      return;
    }
    if (!header.ok) return;
    report.rowsRead++;
    failpoint('ingest-row');
    if (header.kind === 'payments') {
      const result = toPaymentRow(record, header.map, options.today);
      if ('reject' in result) return storeReject(event.line, event.raw, result.reject);
      const outcome = store.payment(result.row, report.sha256, event.line);
      if (outcome === 'conflict') {
        storeReject(event.line, event.raw, {
          reason: 'CONFLICTING_TXN_ID', detail: `txn_id ${result.row.txnId} is already held with different content; the first stays`,
        });
      } else if (outcome === 'repeat') {
        report.repeats++;
      } else {
        report.accepted++;
        const t = (report.controlTotals[result.row.payerType] ??= { count: 0, sum_fen: 0 });
        t.count++;
        t.sum_fen += result.row.amountFen;
      }
    } else {
      const result = toRosterRow(record, header.map, options.today);
      if ('reject' in result) return storeReject(event.line, event.raw, result.reject);
      const outcome = store.roster(result.row, report.sha256, event.line);
      if (outcome === 'repeat') report.repeats++;
      else {
        report.accepted++;
        if (outcome === 'updated') report.updated++;
      }
    }
  };
  const drain = () => {
    for (let event = framer.nextEvent(); event; event = framer.nextEvent()) handle(event);
  };
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    framer.write(decoder.write(chunk));
    drain();
    options.onProgress?.({ bytesRead, rowsRead: report.rowsRead });
  }
  framer.write(decoder.end());
  framer.end();
  drain();
  if (header === null) throw new FileRejected('EMPTY_FILE', 'the file has no header row');
  report.blankLines = framer.blankLines;
}

/** rows read = accepted + repeats + rejected, or the run stops: a mismatch would be a lost row. */
export function checkAccounting(r: Pick<FileReport, 'file' | 'rowsRead' | 'accepted' | 'repeats' | 'rejected'>): void {
  if (r.rowsRead !== r.accepted + r.repeats + r.rejected) {
    throw new InvariantError(
      `accounting broken for ${r.file}: read ${r.rowsRead} != accepted ${r.accepted} + repeats ${r.repeats} + rejected ${r.rejected}`,
    );
  }
}

async function recordRejectedFile(
  db: Db, store: IngestStore, report: FileReport, reason: FileReason, detail: string,
): Promise<FileReport> {
  const rejected: FileReport = {
    ...report, outcome: 'rejected', rejectReason: reason, accepted: 0, updated: 0, repeats: 0,
    rejected: report.rowsRead, controlTotals: {},
  };
  await db.transaction(async () => {
    await store.recordFile(fileRecord(rejected, 'rejected', reason));
    store.reject(report.sha256, report.file, { line: 0, kind: report.kind ?? 'unknown', reason, detail, raw: '' });
  });
  return rejected;
}

function fileRecord(r: FileReport, status: 'ingested' | 'rejected', reason: FileReason | null) {
  return {
    sha256: r.sha256, file_name: r.file, kind: r.kind, encoding: r.encoding, status, reject_reason: reason,
    bytes: r.bytes, rows_read: r.rowsRead, accepted: r.accepted, updated: r.updated, repeats: r.repeats,
    rejected: r.rejected, blank_lines: r.blankLines, extra_columns: JSON.stringify(r.extraColumns),
    control_totals: JSON.stringify(r.controlTotals), ingested_at: nowInShanghai(),
  };
}
