// A small synchronous bridge to PostgreSQL for the test helpers (run with spawnSync): tests stay
// synchronous, as with better-sqlite3. Usage:
//   node pg-admin.mjs create <admin-url> <database>     creates a database, prints nothing
//   node pg-admin.mjs query <url> <sql> <params-json>   prints the rows as JSON
import pg from 'pg';

const [command, url, arg, params] = process.argv.slice(2);
// bigint and numeric as numbers, as the job reads them (src/db/postgres/postgres-client.ts)
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  if (command === 'create') {
    await client.query(`create database "${arg}"`);
  } else if (command === 'query') {
    let i = 0;
    const text = arg.replace(/\?/g, () => `$${++i}`);
    const { rows } = await client.query(text, JSON.parse(params));
    process.stdout.write(JSON.stringify(rows));
  } else {
    throw new Error(`unknown command ${command}`);
  }
} finally {
  await client.end();
}
