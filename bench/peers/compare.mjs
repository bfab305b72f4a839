// Runs tiaoli (CLI batch mode and the in-process C++ API), json-rules-engine and GoRules ZEN on
// the same data set in one run, checks that every engine agrees with tiaoli record by record, and
// prints decisions per second with the ratio to tiaoli. Called by run.sh, which builds and
// generates what this needs:
//
//   node compare.mjs --tiaoli BIN --peer-api BIN --rules DIR --data DIR [--jobs N] [--zen-concurrency N]
//                    [--markdown FILE]
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZenEngine } from '@gorules/zen-engine';
import * as jre from './jre.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const ncpu = cpus().length;
const jobs = Number(args.jobs ?? ncpu);
const zenConcurrency = Number(args['zen-concurrency'] ?? 64);
const dataDir = args.data;
const outDir = join(dataDir, 'results');
mkdirSync(outDir, { recursive: true });

const readLines = (path) => readFileSync(path, 'utf8').split('\n').filter(Boolean);
const now = () => process.hrtime.bigint();
const seconds = (start) => Number(now() - start) / 1e9;
const fmt = (rate) => Math.round(rate).toLocaleString('en-US');
const version = (pkg) => JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// ---- tiaoli through the CLI: `tiaoli eval RULES --decision ID --facts FILE.jsonl [...]` ----------

function runCli(decision, file, extra, outFile) {
  const fd = openSync(outFile, 'w');
  const start = now();
  const r = spawnSync(args.tiaoli, ['eval', args.rules, '--decision', decision, '--facts', file, ...extra],
    { stdio: ['ignore', fd, 'pipe'], maxBuffer: 1 << 26 });
  const elapsed = seconds(start);
  closeSync(fd);
  return { status: r.status, stderr: r.stderr.toString(), elapsed };
}

// Which batch options this tiaoli has (the lead adds --outcome-only and --jobs).
function cliFeatures(decision, file) {
  const probe = join(outDir, 'probe.jsonl');
  writeFileSync(probe, readLines(file)[0] + '\n');
  const has = (extra) => runCli(decision, probe, extra, join(outDir, 'probe.out')).status === 0;
  return { outcomeOnly: has(['--outcome-only']), jobs: has(['--jobs', '2']) };
}

// id → outcome. Read as bytes: with justifications the output can exceed V8's string limit.
function readResults(path) {
  const map = new Map();
  const bytes = readFileSync(path);
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      const line = bytes.toString('utf8', start, end);
      const r = JSON.parse(line);
      if (r.error) throw new Error(`tiaoli: ${line.slice(0, 500)}`);
      map.set(r.id, r.outcome);
    }
    start = end + 1;
  }
  return map;
}

// ---- the peers -------------------------------------------------------------------------------

async function runJre(docs, run, engine) {
  const out = new Array(docs.length);
  const start = now();
  for (let i = 0; i < docs.length; i++) out[i] = await run(engine, docs[i]);
  return { elapsed: seconds(start), out };
}

// `concurrency` evaluations in flight at once (ZEN evaluates off the JS thread).
async function runZen(docs, decision, concurrency) {
  const out = new Array(docs.length);
  let next = 0;
  const start = now();
  const worker = async () => {
    for (let i = next++; i < docs.length; i = next++) out[i] = (await decision.evaluate(docs[i])).result;
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { elapsed: seconds(start), out };
}

// ---- agreement ---------------------------------------------------------------------------------

const projections = {
  'selection.eligibility': (o) => JSON.stringify({ eligible: o.eligible, failed: o.failed }),
  'assessment.consequence': (o) => JSON.stringify({ action: o.action }),
};

function disagreements(decision, docs, reference, out) {
  const project = projections[decision];
  const bad = [];
  for (let i = 0; i < docs.length; i++) {
    const want = project(reference.get(docs[i].id));
    const got = project(out[i]);
    if (want !== got) bad.push({ id: docs[i].id, facts: docs[i], tiaoli: want, peer: got });
  }
  return bad;
}

// ---- the run -----------------------------------------------------------------------------------

const cases = [
  { decision: 'selection.eligibility', file: join(dataDir, 'candidates.jsonl'), jreMake: jre.eligibilityEngine, jreRun: jre.eligibility, zen: 'eligibility.jdm.json' },
  { decision: 'assessment.consequence', file: join(dataDir, 'workers.jsonl'), jreMake: jre.consequenceEngine, jreRun: jre.consequence, zen: 'consequence.jdm.json' },
];

const zenEngine = new ZenEngine();
const notes = [];
const tables = [];
let failures = 0;

for (const c of cases) {
  const docs = readLines(c.file).map((l) => JSON.parse(l));
  const n = docs.length;
  const rows = [];
  const features = cliFeatures(c.decision, c.file);
  console.error(`\n== ${c.decision}: ${n.toLocaleString('en-US')} cases (CLI --outcome-only: ${features.outcomeOnly ? 'yes' : 'no'}, --jobs: ${features.jobs ? 'yes' : 'no'})`);

  // tiaoli CLI batch: whole process (start, load the rule set, read, parse, decide, write JSONL).
  const cliRuns = [];
  const base = features.outcomeOnly ? ['--outcome-only'] : [];
  cliRuns.push({ label: `tiaoli CLI batch${features.outcomeOnly ? ', outcome only' : ', with justification'}, 1 job`, extra: base });
  if (features.jobs) cliRuns.push({ label: `tiaoli CLI batch${features.outcomeOnly ? ', outcome only' : ''}, ${jobs} jobs`, extra: [...base, '--jobs', String(jobs)] });
  if (features.outcomeOnly) cliRuns.push({ label: `tiaoli CLI batch, with justification, ${features.jobs ? `${jobs} jobs` : '1 job'}`, extra: features.jobs ? ['--jobs', String(jobs)] : [] });
  let reference = null;
  for (const [i, run] of cliRuns.entries()) {
    // Outcome-only results are read back and checked; a run with justifications (hundreds of MB
    // of JSON) goes to /dev/null unless it is the only run, and is then deleted after reading.
    const check = !reference || run.extra.includes('--outcome-only');
    const outFile = check ? join(outDir, `${c.decision}.tiaoli-cli-${i}.jsonl`) : '/dev/null';
    const r = runCli(c.decision, c.file, run.extra, outFile);
    if (r.status !== 0) throw new Error(`tiaoli ${run.extra.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    let agree = '';
    if (check) {
      const results = readResults(outFile);
      if (results.size !== n) throw new Error(`tiaoli wrote ${results.size} results for ${n} cases`);
      if (!features.outcomeOnly) rmSync(outFile);
      if (!reference) {
        reference = results;
        agree = '(reference)';
      } else {
        const bad = disagreements(c.decision, docs, reference, docs.map((d) => results.get(d.id)));
        failures += bad.length;
        agree = bad.length ? `${bad.length} differ` : 'all';
      }
    }
    rows.push({ engine: run.label, rate: n / r.elapsed, kind: 'cli', agree });
    console.error(`  ${run.label}: ${r.elapsed.toFixed(2)} s`);
  }
  if (!features.outcomeOnly) notes.push('This tiaoli CLI has no --outcome-only: its batch rows include rendering the full justification of every case as JSON.');
  if (!features.jobs) notes.push('This tiaoli CLI has no --jobs: its batch rows use one thread.');

  // tiaoli in-process C++ API (bench/peer_api.cpp): parsed facts → decide.
  const api = spawnSync(args['peer-api'], [args.rules, c.decision, c.file, '--threads', String(jobs), '--repeat', '3',
    '--out', join(outDir, `${c.decision}.tiaoli-api.jsonl`)], { maxBuffer: 1 << 26 });
  if (api.status !== 0) throw new Error(`tiaoli_peer_api: ${api.stderr}`);
  const a = JSON.parse(api.stdout.toString());
  const apiResults = readResults(join(outDir, `${c.decision}.tiaoli-api.jsonl`));
  const apiBad = disagreements(c.decision, docs, reference, docs.map((d) => apiResults.get(d.id)));
  failures += apiBad.length;
  const agreeApi = apiBad.length ? `${apiBad.length} differ` : 'all';
  rows.push({ engine: 'tiaoli C++ API, outcome only, 1 thread', rate: a.outcome_per_s['1'], kind: 'api1', agree: agreeApi });
  rows.push({ engine: `tiaoli C++ API, outcome only, ${jobs} threads`, rate: a.outcome_per_s[String(jobs)], kind: 'apiN', agree: agreeApi });
  rows.push({ engine: 'tiaoli C++ API, with justification, 1 thread', rate: a.justify_per_s['1'], kind: 'api', agree: agreeApi });
  rows.push({ engine: 'tiaoli C++ API, JSON text → outcome, 1 thread', rate: a.end_to_end_per_s['1'], kind: 'api', agree: agreeApi });
  rows.push({ engine: 'tiaoli PreparedDecision, outcome only, 1 thread', rate: a.prepared_per_s['1'], kind: 'api', agree: agreeApi });
  if (a.native_per_s) {
    // peer_api checks every native outcome against decide's before timing it.
    rows.push({ engine: 'tiaoli NativeDecision (compiled at run time), 1 thread', rate: a.native_per_s['1'], kind: 'native1', agree: agreeApi });
    rows.push({ engine: `tiaoli NativeDecision (compiled at run time), ${jobs} threads`, rate: a.native_per_s[String(jobs)], kind: 'api', agree: agreeApi });
  } else {
    notes.push(`No NativeDecision rows: ${a.native_problem}`);
  }
  console.error(`  tiaoli C++ API: ${JSON.stringify(a)}`);

  // json-rules-engine: one JS thread, awaiting each run.
  {
    const engine = c.jreMake();
    await runJre(docs.slice(0, 2000), c.jreRun, engine);  // warm up the JIT
    const r = await runJre(docs, c.jreRun, engine);
    const bad = disagreements(c.decision, docs, reference, r.out);
    failures += bad.length;
    if (bad.length) console.error(`  json-rules-engine disagrees on ${bad.length}, e.g. ${JSON.stringify(bad.slice(0, 3), null, 1)}`);
    rows.push({ engine: `json-rules-engine ${version('json-rules-engine')}`, rate: n / r.elapsed, kind: 'peer', agree: bad.length ? `${bad.length} differ` : 'all' });
    console.error(`  json-rules-engine: ${r.elapsed.toFixed(2)} s`);
  }

  // ZEN: sequential, and with `zenConcurrency` evaluations in flight.
  {
    const decision = zenEngine.createDecision(JSON.parse(readFileSync(join(here, 'zen', c.zen), 'utf8')));
    await runZen(docs.slice(0, 2000), decision, zenConcurrency);  // warm up
    for (const concurrency of [1, zenConcurrency]) {
      const r = await runZen(docs, decision, concurrency);
      const bad = disagreements(c.decision, docs, reference, r.out);
      failures += bad.length;
      if (bad.length) console.error(`  ZEN disagrees on ${bad.length}, e.g. ${JSON.stringify(bad.slice(0, 3), null, 1)}`);
      const label = concurrency === 1 ? 'one call at a time' : `${concurrency} concurrent calls`;
      rows.push({ engine: `ZEN ${version('@gorules/zen-engine')}, ${label}`, rate: n / r.elapsed, kind: concurrency === 1 ? 'peer' : 'peerN', agree: bad.length ? `${bad.length} differ` : 'all' });
      console.error(`  ZEN (${label}): ${r.elapsed.toFixed(2)} s`);
    }
  }
  tables.push({ decision: c.decision, n, rows });
}

// ---- the report ----------------------------------------------------------------------------------

const git = (a) => spawnSync('git', ['-C', args.rules, ...a]).stdout?.toString().trim();
const commit = `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--', 'src', 'include', 'rules']) ? ' (with uncommitted changes)' : ''}`;
const header = [
  `Date: ${new Date().toISOString().slice(0, 10)}`,
  `Machine: ${cpus()[0].model.trim()}, ${ncpu} logical CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}`,
  `Versions: tiaoli ${commit}, Node ${process.version}, json-rules-engine ${version('json-rules-engine')}, @gorules/zen-engine ${version('@gorules/zen-engine')}`,
];
let md = header.map((l) => `${l}  `).join('\n') + '\n';
for (const t of tables) {
  const by = (kind) => t.rows.find((r) => r.kind === kind)?.rate;
  const api1 = by('api1');
  const apiN = by('apiN');
  const cli = Math.max(...t.rows.filter((r) => r.kind === 'cli').map((r) => r.rate));
  md += `\n**${t.decision}** (${t.n.toLocaleString('en-US')} cases)\n\n`;
  const native1 = by('native1');
  const nativeColumn = native1 ? ' tiaoli native 1 thread ÷ this |' : '';
  md += `| engine | decisions/s | tiaoli API 1 thread ÷ this | tiaoli API ${jobs} threads ÷ this | best tiaoli CLI ÷ this |${nativeColumn} agrees with tiaoli |\n|---|---:|---:|---:|---:|${native1 ? '---:|' : ''}---|\n`;
  for (const r of t.rows) {
    const ratio = (ref) => (r.kind === 'peer' || r.kind === 'peerN' ? `${(ref / r.rate).toFixed(1)}×` : '');
    md += `| ${r.engine} | ${fmt(r.rate)} | ${ratio(api1)} | ${ratio(apiN)} | ${ratio(cli)} |${native1 ? ` ${ratio(native1)} |` : ''} ${r.agree} |\n`;
  }
}
if (notes.length) md += '\n' + [...new Set(notes)].map((n) => `Note: ${n}`).join('\n') + '\n';
md += '\nThe CLI rows time the whole process (start, load the rule set, parse each JSON line, decide, write a JSON line); the API rows time `RuleSet::decide` on facts parsed beforehand (best of 3), except "JSON text → outcome" which includes `parse_facts`, and the PreparedDecision and NativeDecision rows, which decide into a record each thread reuses (the native module is compiled, or loaded from its cache, before the timing); the peers time their evaluate call on JavaScript objects parsed beforehand.\n';
console.log('\n' + md);
if (args.markdown) writeFileSync(args.markdown, md);
if (failures) {
  console.error(`FAILED: ${failures} disagreements with tiaoli (see above)`);
  process.exit(1);
}
