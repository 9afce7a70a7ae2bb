// A W3 worker thread: its own engine, its half of the rows (the same seeded
// population, generated here so nothing is shared but the answer "done").
'use strict';
const { parentPort, workerData } = require('worker_threads');
const gen = require('./gen');
const engines = require('./engines');

const { kind, engineName, n, begin, end } = workerData;
const engine = engineName === 'edurules' ? engines.edurules()
  : engineName === 'zen-warm' ? engines.zen()
  : engines.jsonLogic();
const pop = kind === 'w3pe' ? gen.makePePopulation(n) : gen.makeLeavePopulation(n);
const state = engine[kind].prepare(pop, begin, end);
const warm = engine[kind].prepare(pop, begin, Math.min(end, begin + 1000));
parentPort.postMessage('ready');
parentPort.on('message', async (m) => {
  if (m === 'exit') process.exit(0);
  await engine[kind].run(m === 'warm' ? warm : state);
  parentPort.postMessage('done');
});
