import { DuckDBInstance } from '@duckdb/node-api';
import { parseDateSql, parsePeriodSql } from './dist/ingest/dates.js';
const con = await (await DuckDBInstance.create(':memory:')).connect();
const q = async (s) => { try { return (await con.runAndReadAll(s)).getRowObjectsJS(); } catch(e) { return 'ERR '+e.message.slice(0,400) } };
console.log(await q(`select x, ${parseDateSql('x','auto')} d from (values ('03/04/2024'),('3/4/2024'),('2024-04-03'),('45385'),('32/01/2024'),('2024-04'),('03/04/2024 13:45'),('')) t(x)`));
console.log(await q(`select x, ${parsePeriodSql('x')} p from (values ('2024-03'),('03/2024'),('Mar-24'),('March 2024'),('2024 Q2'),('Q4 2023'),('2024/25'),('2024-25'),('2011-12'),('2024/2025'),('FY2023/24'),('2024/26'),('garbage')) t(x)`));
