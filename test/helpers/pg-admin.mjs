// A small synchronous bridge to PostgreSQL for the test helpers (run with spawnSync): tests stay
// synchronous, as with better-sqlite3. Usage:
//   node pg-admin.mjs create <admin-url> <database>     creates a database (on a Citus coordinator: a
//                                                       cluster of its own, scripts/citus-nodes.mjs), prints nothing
//   node pg-admin.mjs query <url> <sql> <params-json>   prints the rows as JSON (of the last statement)
import pg from 'pg';
// The job's own client settings (bigint and numeric read as exact numbers), from the build `npm test` makes first.
import { clientConfig } from '../../dist/db/postgres/postgres-client.js';
import { createDatabase } from '../../scripts/citus-nodes.mjs';

const [command, url, arg, params] = process.argv.slice(2);
if (command === 'create') {
  await createDatabase(url, arg);
  process.exit(0);
}
const client = new pg.Client(clientConfig(url));
await client.connect();
try {
  if (command === 'query') {
    let i = 0;
    const text = arg.replace(/\?/g, () => `$${++i}`);
    // Several statements without parameters give one result each: the last one's rows are printed.
    const result = await client.query(text, JSON.parse(params));
    process.stdout.write(JSON.stringify((Array.isArray(result) ? result.at(-1) : result).rows));
  } else {
    throw new Error(`unknown command ${command}`);
  }
} finally {
  await client.end();
}
