// The floor for `csp assess`: a bare DuckDB query that reads the same police CSVs and does the
// same group-by (month × category × district), with nothing else.
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const con = await (await DuckDBInstance.create(':memory:')).connect();
// --no-query: Node and DuckDB started, nothing read (the fixed cost every run pays).
if (dir === '--no-query') process.exit(0);
const reader = await con.runAndReadAll(`
  SELECT "Month", "Crime type", regexp_replace("LSOA name", ' [0-9]{3}[A-Z]$', '') AS district, count(*) AS n
  FROM read_csv('${dir.replaceAll("'", "''")}/*-kent-street.csv', header = true, all_varchar = true)
  GROUP BY ALL`);
console.log(`${reader.currentRowCount} groups`);
