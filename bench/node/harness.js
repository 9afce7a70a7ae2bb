// Side-by-side harness: edurules (through its C ABI, in a Node addon), GoRules
// ZEN 0.54.0 (warm, and a decision created per call) and json-logic-engine,
// on W1 (PE status, one participant), W2 (leave entitlement, one worker) and
// W3 (populations of 10^5 and 10^6 for both, 1 and 2 threads).
//
//   node harness.js [--gate-only] [--quick] [--json FILE] [--peers-max-n N] [--write-golden]
//
// Correctness gate first: every engine must reproduce the committed golden
// outputs (bench/golden/*.json, made by edurules with --write-golden) before
// any of its timings is reported; an engine that fails is not ranked.
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const { Worker } = require('worker_threads');
const gen = require('./gen');
const engines = require('./engines');

const args = new Set(process.argv.slice(2));
const argValue = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const QUICK = args.has('--quick');
// the largest W3 population the peers run (ZEN needs minutes per pass at 10^6)
const PEERS_MAX_N = Number(argValue('--peers-max-n') || 1000000);
const fixtures = path.join(__dirname, '..', 'fixtures');
const goldenDir = path.join(__dirname, '..', 'golden');
const W3_GOLDEN_ROWS = 2000;

const W1 = JSON.parse(fs.readFileSync(path.join(fixtures, 'w1.json')));
const W2 = JSON.parse(fs.readFileSync(path.join(fixtures, 'w2.json')));

// key order does not matter (ZEN returns keys sorted)
const canon = (x) => (Array.isArray(x) ? x.map(canon)
  : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canon(x[k])])) : x);
const same = (a, b) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
const log = (...x) => console.error(...x);

async function outputsOf(engine) {
  const w1 = [], w2 = [];
  for (const q of W1) w1.push(await engine.w1(q));
  for (const q of W2) w2.push(await engine.w2(q));
  const pe = gen.makePePopulation(W3_GOLDEN_ROWS), lv = gen.makeLeavePopulation(W3_GOLDEN_ROWS);
  const sp = engine.w3pe.prepare(pe, 0, pe.rows);
  await engine.w3pe.run(sp);
  const sl = engine.w3leave.prepare(lv, 0, lv.rows);
  await engine.w3leave.run(sl);
  return { w1, w2, w3pe: engine.w3pe.results(sp), w3leave: engine.w3leave.results(sl) };
}

/** Compares an engine's outputs with the golden ones; returns a list of mismatches. */
function check(name, got, golden) {
  const bad = [];
  for (const k of Object.keys(golden)) {
    const g = golden[k], x = got[k];
    if (!x || x.length !== g.length) { bad.push(`${k}: ${x ? x.length : 0} outputs for ${g.length}`); continue; }
    for (let i = 0; i < g.length; ++i)
      if (!same(x[i], g[i])) {
        bad.push(`${k}[${i}]: expected ${JSON.stringify(g[i])}, got ${JSON.stringify(x[i])}`);
        if (bad.length > 5) return bad;
      }
  }
  return bad;
}

// ---- timing -------------------------------------------------------------------
const now = () => process.hrtime.bigint();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const spread = (xs) => { const s = [...xs].sort((a, b) => a - b); return [s[0], s[s.length - 1]]; };

/** Per-evaluation time (ns) of several engines over the requests, repeated
 *  (median and spread over rounds), their rounds interleaved (each round runs
 *  every engine once, in an order that rotates): one-request timings on a
 *  VM can switch speed for minutes at a time, and engines timed one after the
 *  other could then be measured at different speeds. `fns` maps a name to
 *  [fn, { minMs }] (a round lasts at least minMs); returns a map of name to
 *  { median_ns, min_ns, max_ns, rounds }. */
async function timeEach(fns, requests, { rounds }) {
  const names = Object.keys(fns);
  for (const k of names) for (const q of requests) await fns[k][0](q); // warm-up
  const per = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < rounds; ++r) {
    for (let i = 0; i < names.length; ++i) {
      const k = names[(r + i) % names.length];
      const [fn, { minMs }] = fns[k];
      let n = 0;
      const t0 = now();
      let t = t0;
      do {
        for (const q of requests) await fn(q);
        n += requests.length;
        t = now();
      } while (Number(t - t0) < minMs * 1e6);
      per[k].push(Number(t - t0) / n);
    }
  }
  return Object.fromEntries(names.map((k) => [k, { median_ns: median(per[k]), min_ns: spread(per[k])[0],
                                                     max_ns: spread(per[k])[1], rounds }]));
}

/** W3 on one thread: prepare once (untimed), run `rounds` times. */
async function timeBatch(kind, engine, pop, rounds) {
  const s = engine[kind].prepare(pop, 0, pop.rows);
  // warm-up on the first 2000 rows (a full pass of a peer at 10^6 takes minutes)
  await engine[kind].run(engine[kind].prepare(pop, 0, Math.min(pop.rows, 2000)));
  const per = [];
  for (let r = 0; r < rounds; ++r) {
    const t0 = now();
    await engine[kind].run(s);
    per.push(Number(now() - t0) / pop.rows);
  }
  return { s, median_ns: median(per), min_ns: spread(per)[0], max_ns: spread(per)[1], rounds };
}

/** W3 on two worker threads, each with its own engine and half the rows. */
async function timeBatchThreads(kind, engineName, n, threads, rounds) {
  const workers = [];
  for (let t = 0; t < threads; ++t) {
    const w = new Worker(path.join(__dirname, 'worker.js'),
                         { workerData: { kind, engineName, n, begin: Math.floor(n * t / threads), end: Math.floor(n * (t + 1) / threads) },
                           resourceLimits: { maxOldGenerationSizeMb: 6144 } });
    workers.push(w);
  }
  const msg = (w) => new Promise((resolve, reject) => {
    const fail = (e) => reject(e);
    w.once('error', fail);
    w.once('message', (m) => { w.off('error', fail); resolve(m); });
  });
  await Promise.all(workers.map(msg)); // ready (data generated and prepared)
  const per = [];
  workers.forEach((w) => w.postMessage('warm'));
  await Promise.all(workers.map(msg));
  for (let r = 0; r < rounds; ++r) {
    const t0 = now();
    workers.forEach((w) => w.postMessage('run'));
    await Promise.all(workers.map(msg));
    per.push(Number(now() - t0) / n);
  }
  workers.forEach((w) => w.postMessage('exit'));
  return { median_ns: median(per), min_ns: spread(per)[0], max_ns: spread(per)[1], rounds };
}

async function main() {
  const ours = engines.edurules();
  if (args.has('--write-golden')) {
    fs.mkdirSync(goldenDir, { recursive: true });
    const out = await outputsOf(ours);
    for (const [k, v] of Object.entries(out)) fs.writeFileSync(path.join(goldenDir, `${k}.json`), JSON.stringify(v) + '\n');
    log('wrote golden outputs to', goldenDir);
    return;
  }
  const golden = {};
  for (const k of ['w1', 'w2', 'w3pe', 'w3leave']) golden[k] = JSON.parse(fs.readFileSync(path.join(goldenDir, `${k}.json`)));

  const all = { edurules: ours, 'zen-warm': engines.zen(), 'zen-per-call': engines.zen({ perCall: true }),
                'json-logic-engine': engines.jsonLogic() };
  const gate = {};
  for (const [name, e] of Object.entries(all)) {
    const bad = check(name, await outputsOf(e), golden);
    gate[name] = bad.length === 0;
    log(`gate ${name}: ${bad.length ? 'FAILED\n  ' + bad.join('\n  ') : 'passed'}`);
  }
  const report = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0].model, loadavg: os.loadavg(), node: process.version },
    versions: Object.fromEntries(Object.entries(all).map(([k, e]) => [k, e.version])),
    gate, results: [],
  };
  const failed = Object.values(gate).filter((x) => !x).length;
  if (args.has('--gate-only')) {
    console.log(`gate: ${Object.keys(gate).length - failed} engines passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
  const ranked = Object.entries(all).filter(([k]) => gate[k]);
  const opt = QUICK ? { rounds: 3, minMs: 100 } : { rounds: 7, minMs: 400 };
  // W1 and W2: one evaluation at a time, over the 64 fixtures; the engines' rounds interleaved
  for (const [wl, reqs] of [['W1', W1], ['W2', W2]]) {
    const fns = Object.fromEntries(ranked.map(([name, e]) => [name, [
      wl === 'W1' ? (q) => e.w1(q) : (q) => e.w2(q),
      { minMs: name === 'zen-per-call' ? opt.minMs / 2 : opt.minMs }]]));
    const rs = await timeEach(fns, reqs, opt);
    for (const [name] of ranked) {
      report.results.push({ workload: wl, engine: name, threads: 1, n: 1, ...rs[name] });
      log(`${wl} ${name}: ${(rs[name].median_ns / 1000).toFixed(2)} us per evaluation`);
    }
  }
  // W1 by completion count (edurules and ZEN warm, interleaved): the 0..60 curve
  const pair = ranked.filter(([k]) => k === 'edurules' || k === 'zen-warm');
  for (const c of [0, 10, 30, 60]) {
    const reqs = W1.filter((q) => q.dossier.completions.length === c);
    if (!reqs.length) continue;
    const fns = Object.fromEntries(pair.map(([name, e]) => [name, [(q) => e.w1(q), { minMs: opt.minMs / 2 }]]));
    const rs = await timeEach(fns, reqs, opt);
    for (const [name] of pair) report.results.push({ workload: `W1/${c}`, engine: name, threads: 1, n: 1, ...rs[name] });
  }
  // W3: populations
  const sizes = QUICK ? [20000] : [100000, 1000000];
  for (const kind of ['w3pe', 'w3leave']) {
    for (const n of sizes) {
      const pop = kind === 'w3pe' ? gen.makePePopulation(n) : gen.makeLeavePopulation(n);
      const ref = [];
      for (const [name, e] of ranked) {
        if (name === 'zen-per-call') continue; // per-call creation is measured on W1/W2
        const slow = name !== 'edurules';
        if (slow && n > PEERS_MAX_N) continue;
        // peers at 10^6 get one timed pass (a ZEN pass takes minutes there)
        const rounds = slow ? (n > 100000 || !QUICK ? 1 : 2) : (QUICK ? 5 : 15);
        const r = await timeBatch(kind, e, pop, rounds);
        // every engine's full output must match edurules' on the whole population
        const rows = e[kind].results(r.s);
        if (name === 'edurules') ref.push(rows);
        const agree = same(rows, ref[0]);
        delete r.s;
        report.results.push({ workload: `W3/${kind === 'w3pe' ? 'PE' : 'leave'}`, engine: name, threads: 1, n, agree, ...r });
        log(`W3 ${kind} n=${n} ${name} 1 thread: ${r.median_ns.toFixed(1)} ns per row${agree ? '' : ' (DISAGREES with edurules)'}`);
      }
      for (const [name] of ranked) {
        if (name === 'zen-per-call') continue;
        const slow = name !== 'edurules';
        if (slow && n > PEERS_MAX_N) continue;
        const r = await timeBatchThreads(kind, name, n, 2, slow ? 1 : (QUICK ? 5 : 15));
        report.results.push({ workload: `W3/${kind === 'w3pe' ? 'PE' : 'leave'}`, engine: name, threads: 2, n, ...r });
        log(`W3 ${kind} n=${n} ${name} 2 threads: ${r.median_ns.toFixed(1)} ns per row`);
      }
    }
  }
  const json = JSON.stringify(report, null, 1);
  const file = argValue('--json');
  if (file) fs.writeFileSync(file, json + '\n');
  else console.log(json);
  if (failed) process.exitCode = 1;
}

main().catch((e) => { console.error(e); process.exit(2); });
