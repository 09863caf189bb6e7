// Runs the bundled CLI (dist/bundle/csp.cjs) with the code V8 compiled for it kept between runs.
//
// Compiling the 8 MB bundle cost every run about a quarter of a second. Node 20 keeps no
// compiled code for modules (module.enableCompileCache came with Node 22), but it does for a
// script: vm.Script takes the code V8 compiled last time (cachedData) and hands over what it
// has compiled so far (createCachedData). Each command keeps its own cache, written after its
// first successful run, so it holds the functions that command uses. A cache is named by the
// bundle's SHA-1 and V8's version: V8 itself checks only the source's length, and code compiled
// for another build must never run. Where the folder cannot be written (a read-only install)
// csp runs as it would without a cache.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** The command a command line runs (its first word not an option), which names its cache. */
export function commandOf(args) {
  return args.find((a) => !a.startsWith('-')) ?? 'csp';
}

/** Loads the bundle; `cacheName` names the cache (the command run). */
export function loadBundle(bundle, cacheName) {
  const bytes = readFileSync(bundle);
  const build = createHash('sha1').update(bytes).digest('hex').slice(0, 16);
  const cacheFile = path.join(path.dirname(bundle), 'v8-cache', `${cacheName.replace(/[^a-z-]/g, '') || 'csp'}-${build}-${process.versions.v8}.bin`);
  // The build writes the bundle in ASCII (scripts/bundle.mjs): read as one byte a character.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // This command's first run (or no cache kept here).
  }
  // The CommonJS wrapper on the bundle's first line, so line numbers stay the bundle's own.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  const kept = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    /** Whether this run started from compiled code kept by an earlier run. */
    fromCache: kept,
    /** After a successful run: keeps what V8 compiled, unless an earlier run's cache was used. */
    keepCompiledCode() {
      if (kept) return;
      // Written aside and renamed: two runs finishing at once each leave a whole file.
      const aside = `${cacheFile}.${process.pid}`;
      try {
        mkdirSync(path.dirname(cacheFile), { recursive: true });
        writeFileSync(aside, script.createCachedData());
        renameSync(aside, cacheFile);
      } catch {
        // A folder csp may not write to, or a full disk: no cache, same results.
        try {
          rmSync(aside, { force: true });
        } catch {
          // Nothing was written.
        }
      }
    },
  };
}
