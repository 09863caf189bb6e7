import type { Appender, Database } from './database.js';
import type { FileRead, IngestOptions, SourceRead } from './types.js';

/** Every file read into the files table, in the order of csp.yaml whichever was read first; `onFile` told of each. */
export async function recordFiles(db: Database, sources: { read: SourceRead; ids: number[] }[], onFile?: IngestOptions['onFile']): Promise<void> {
  await db.append('files', (appender) => {
    for (const { read, ids } of sources) {
      for (const [j, entry] of read.files.entries()) {
        appendFile(appender, read.id, ids[j]!, entry);
        onFile?.(read.id, entry);
      }
    }
  });
}

function appendFile(appender: Appender, sourceId: string, fileId: number, entry: FileRead): void {
  appender.appendVarchar(sourceId);
  appender.appendInteger(fileId);
  appender.appendVarchar(entry.path);
  appender.appendVarchar(entry.sha256);
  appender.appendBigInt(BigInt(entry.bytes));
  appender.appendBigInt(BigInt(entry.rowsRead));
  appender.appendBigInt(BigInt(entry.rowsAccepted));
  appender.appendBigInt(BigInt(entry.rowsRejected));
  appender.appendVarchar(entry.fullPath);
  appender.endRow();
}
