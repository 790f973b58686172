import pg from 'pg';

/**
 * Client settings shared by every connection of a run. PostgreSQL sends bigint (count(*), amounts) and
 * numeric (sum of bigint) as strings; amounts are integer fen, so they are parsed to numbers here, once,
 * and a value that is not a safe integer stops the run rather than being rounded.
 */
export function clientConfig(url: string): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: 'premium-recon',
    // A server that accepts the TCP connection but never answers must fail the run, not hang the night.
    connectionTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC ? parseExactInteger : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  };
}

const INT8 = 20;
const NUMERIC = 1700;

function parseExactInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`PostgreSQL returned ${text}, which is not an integer this job can hold exactly`);
  return n;
}

/** Connects a new client; the error names the server, never the password. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url));
  try {
    await client.connect();
  } catch (err) {
    const where = new URL(url);
    // The SQLSTATE stays on the error (3D000: no such database), for the caller to tell what went wrong.
    const code = (err as { code?: unknown }).code;
    throw Object.assign(new Error(`cannot connect to PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname}: ${(err as Error).message}`), { code });
  }
  // A client error after connect (server gone) would otherwise be an unhandled 'error' event.
  client.on('error', () => {});
  return client;
}
