// Where the main thread of one `csp assess` spends its time (issue 26: the fixed cost), from V8's
// CPU profile (node --cpu-prof): self time by library (node_modules package) or csp folder,
// found through the bundle's source map; "(idle)" is the thread waiting (on DuckDB's threads, the
// fingerprint worker, the disk), "(program)" V8 itself (mostly compiling), "(garbage collector)".
//   node scripts/bench-profile.mjs WORKSPACE     prints one JSON object; needs `npm run build`
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ws = path.resolve(process.argv[2]);
const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-bench-profile-'));
try {
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, path.join(root, 'bin', 'csp.js'), 'assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--quiet'],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  if (run.status !== 0) throw new Error(`csp assess failed (${run.status}): ${run.stderr.slice(-2000)}`);
  // The main thread's profile is the first written (a worker's, if any, follows it).
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()[0];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const map = new SourceMap(JSON.parse(readFileSync(path.join(root, 'dist', 'bundle', 'csp.cjs.map'), 'utf8')));

  /** What a profile node's code belongs to: a package, a folder of csp's src, Node itself, or V8's own entries. */
  const ownerOf = (node) => {
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    if (!url) return functionName || '(anonymous)';
    if (url.startsWith('node:')) return 'Node itself';
    if (!url.endsWith('csp.cjs')) return url.includes('node_modules') ? packageOf(url) : path.basename(url);
    const source = map.findEntry(lineNumber, columnNumber)?.originalSource ?? '';
    if (source.includes('node_modules')) return packageOf(source);
    const src = /src\/([^/]+)\//.exec(source);
    return src ? `csp src/${src[1]}/` : 'csp (bundle)';
  };
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const owner = ownerOf(byId.get(id));
    self.set(owner, (self.get(owner) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1e6);
  });
  const total = (profile.endTime - profile.startTime) / 1e6;
  const owners = [...self].map(([owner, seconds]) => ({ owner, seconds })).sort((a, b) => b.seconds - a.seconds);
  process.stdout.write(`${JSON.stringify({ total, owners })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function packageOf(p) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  return m ? m[1] : p;
}
