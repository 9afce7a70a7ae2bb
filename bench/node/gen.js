// Seeded generator of the side-by-side workloads: W1 (PE status of one
// participant with recognitions and completions), W2 (one worker's leave
// entitlement over a school year of lessons with absences) and W3
// (populations in columns for both). Every engine gets the same data: W1/W2
// as the JSON request document, W3 as typed-array columns (edurules) or the
// equivalent per-row objects (peers), prepared before any timing.
//
// Invariants the peers' decisions rely on (stated once, checked by the golden
// gate): diploma and recognition days are never after the 28th (so adding 24
// months never overflows a month); recognitions of one activity never overlap;
// one lesson per lesson day and at most one absence per lesson day; W3
// diplomas and activations are never on 29 February.
'use strict';

/** mulberry32: a small, fast, seeded PRNG (period 2^32). */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  return next;
}

const DAY_MS = 86400000;
const epochDay = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / DAY_MS);
const isoOf = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A day in [lo, hi] whose day of month is at most 28. */
function dayUpTo28(r, lo, hi) {
  for (;;) {
    const d = r.int(lo, hi);
    if (Number(isoOf(d).slice(8)) <= 28) return d;
  }
}
const addMonthsIso = (iso, months) => {
  const y = Number(iso.slice(0, 4)), m = Number(iso.slice(5, 7)) - 1 + months, d = Number(iso.slice(8));
  return new Date(Date.UTC(y + Math.floor(m / 12), ((m % 12) + 12) % 12, d)).toISOString().slice(0, 10);
};

// ---- W1: PE status of one participant -------------------------------------
const W1_COUNTS = [0, 1, 5, 10, 20, 30, 45, 60];

function w1Request(r, index, nCompletions) {
  const diploma = dayUpTo28(r, epochDay('2023-01-01'), epochDay('2024-06-28'));
  const at = diploma + r.int(30, 725); // inside the first 2-year period
  const nAct = Math.max(1, Math.ceil(nCompletions / 4));
  const activities = [], recognitions = [];
  for (let a = 0; a < nAct; ++a) {
    const id = `ACT-${index}-${a}`;
    activities.push({ id, title: `Activity ${a}`, form: 'e-learning', net_minutes: 60 * r.int(1, 8),
                      provider: { kind: 'commercial', name: 'Provider' } });
    let decided = isoOf(dayUpTo28(r, diploma - 500, diploma + 200));
    const n = r() < 0.5 ? 2 : 1;
    for (let k = 0; k < n; ++k) {
      recognitions.push({ id: `REC-${index}-${a}-${k}`, activity_id: id, decided,
                          points: (r.int(25, 150) / 100).toFixed(2) });
      // the next one starts after this one's validity (24 months) plus a gap
      const next = epochDay(addMonthsIso(decided, 24)) + r.int(0, 60);
      decided = isoOf(dayUpTo28(r, next, next + 40));
    }
  }
  const completions = [], seen = new Set();
  while (completions.length < nCompletions) {
    const act = activities[r.int(0, nAct - 1)].id;
    const on = isoOf(r.int(diploma - 120, at + 60)); // some before the diploma, some after the date
    if (seen.has(act + on)) continue;
    seen.add(act + on);
    completions.push({ seu_number: `SEU-${100000 + index}`, activity_id: act, completed: on });
  }
  return {
    schema_version: 1, kind: 'pe.status', explain: false, date: isoOf(at),
    dossier: {
      schema_version: 1,
      participants: [{ seu_number: `SEU-${100000 + index}`, name: `Participant ${index}`,
                       track: 'uitzendprofessional', diploma_date: isoOf(diploma) }],
      activities, recognitions, completions,
    },
  };
}

function makeW1(seed = 1, count = 64) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < count; ++i) out.push(w1Request(r, i, W1_COUNTS[i % W1_COUNTS.length]));
  return out;
}

// ---- W2: leave entitlement over a school year ------------------------------
const W2_TYPES = ['professional', 'general', 'language'];
const JUSTIFIED = ['illness', 'accident', 'teacher_absent'];

function w2Request(r, index) {
  // Weekly lessons of one training, from September to June of 2023-2024,
  // in Wallonia (classic BEV: trimester certificate periods, as the training
  // says it is organised per school year; 10% rule, 6-month suspension),
  // full time.
  const weekday = r.int(0, 4);
  let day = epochDay('2023-09-04') + weekday + 7 * r.int(0, 2);
  const lastDay = epochDay('2024-06-28') - 7 * r.int(0, 6);
  const startMin = 60 * r.int(17, 19) + 30 * r.int(0, 1);
  const lessons = [];
  while (day <= lastDay) {
    const len = 30 * r.int(4, 7); // 2h..3h30
    const fmt = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    lessons.push({ date: isoOf(day), start: fmt(startMin), end: fmt(startMin + len), _len: len });
    day += r() < 0.1 ? 14 : 7; // school holidays now and then
  }
  const absences = [];
  // absence-heavy workers cross 10% in some trimester
  const rate = [0.02, 0.06, 0.12, 0.2][r.int(0, 3)];
  for (const l of lessons) {
    if (r() >= rate) continue;
    const a = { date: l.date, reason: r() < 0.5 ? JUSTIFIED[r.int(0, 2)] : 'unjustified' };
    if (r() < 0.4) a.absent_minutes = 30 * r.int(1, l._len / 30);
    absences.push(a);
  }
  for (const l of lessons) delete l._len;
  return {
    schema_version: 1, kind: 'leave.entitlement', explain: false, school_year: '2023-2024',
    workers: [{
      id: `W-${index}`, establishment_unit: { region: 'wallonia' },
      jobs: [{ from: '2015-01-01', contract_per_week_hours: '38', full_time_per_week_hours: '38' }],
      trainings: [{ id: `T-${index}`, type: W2_TYPES[r.int(0, 2)], coinciding_with_work: false, organisation: 'school_year',
                    start: lessons.length ? lessons[0].date : '2023-09-04', lessons, absences }],
    }],
  };
}

function makeW2(seed = 2, count = 64) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < count; ++i) out.push(w2Request(r, i));
  return out;
}

// ---- W3: populations in columns --------------------------------------------
// PE: like bench/pe_population.hpp (diplomas 2021..2025, a third of the older
// ones activated, a third with a renewal request, `per` booked completions).
const W3_PE_AT = '2025-06-01';

function makePePopulation(n, per = 10, seed = 7, shared = false) {
  const r = rng(seed);
  const buf = (T, len) => new T(shared ? new SharedArrayBuffer(len * T.BYTES_PER_ELEMENT) : len);
  const base = epochDay('2021-01-01');
  const NO_DAY = -2147483648;
  const p = {
    rows: n, per,
    diploma: buf(Int32Array, n), activation: buf(Int32Array, n),
    offsets: buf(BigInt64Array, n + 1), day: buf(Int32Array, n * per), points: buf(BigInt64Array, n * per),
    renewalOffsets: buf(BigInt64Array, n + 1), renewalDay: buf(Int32Array, n), renewals: 0,
  };
  for (let i = 0; i < n; ++i) {
    let dip = base + r.int(0, 1599);
    if (isoOf(dip).endsWith('02-29')) dip += 1; // see the invariants above
    p.diploma[i] = dip;
    const old = dip < base + 730;
    let act = old && r() < 0.67 ? dip + r.int(0, 299) : NO_DAY;
    if (act !== NO_DAY && isoOf(act).endsWith('02-29')) act += 1;
    p.activation[i] = act;
    for (let k = 0; k < per; ++k) {
      p.day[i * per + k] = dip + r.int(0, 1399);
      p.points[i * per + k] = BigInt(50 + r.int(0, 249));
    }
    p.offsets[i + 1] = BigInt((i + 1) * per);
    if (r() < 0.33) p.renewalDay[p.renewals++] = dip + 700;
    p.renewalOffsets[i + 1] = BigInt(p.renewals);
  }
  // the renewal column holds the renewals given, no unused tail (the batch refuses
  // items its offsets leave to no row)
  p.renewalDay = p.renewalDay.subarray(0, p.renewals);
  return p;
}

/** The same participants as plain objects with ISO dates (the peers' input). */
function peRowsOf(p, begin = 0, end = p.rows) {
  const rows = new Array(end - begin);
  for (let i = begin; i < end; ++i) {
    const c0 = Number(p.offsets[i]), c1 = Number(p.offsets[i + 1]);
    const completions = new Array(c1 - c0);
    for (let k = c0; k < c1; ++k) completions[k - c0] = { on: isoOf(p.day[k]), points: Number(p.points[k]) };
    const renewals = [];
    for (let k = Number(p.renewalOffsets[i]); k < Number(p.renewalOffsets[i + 1]); ++k) renewals.push(isoOf(p.renewalDay[k]));
    rows[i - begin] = {
      date: W3_PE_AT, diploma: isoOf(p.diploma[i]),
      activation: p.activation[i] === -2147483648 ? null : isoOf(p.activation[i]),
      renewals, completions,
    };
  }
  return rows;
}

// Leave: one row per worker x training (the columnar contract of
// include/edurules/leave/batch.hpp), Wallonia 2023-2024, contract shares of
// 4/5 and more, three training types.
const W3_LEAVE_TYPES = [0, 1, 4]; // professional, general, language
const W3_LEAVE_CONTRACTS = [2280, 2040, 1824]; // minutes per week of a 38-hour full time: 1, 0.89, 0.8

function makeLeavePopulation(n, seed = 9, shared = false) {
  const r = rng(seed);
  const buf = (T, len) => new T(shared ? new SharedArrayBuffer(len * T.BYTES_PER_ELEMENT) : len);
  const p = {
    rows: n, region: buf(Uint8Array, n), schoolYear: buf(Int32Array, n), trainingStart: buf(Int32Array, n),
    trainingType: buf(Uint8Array, n), contract: buf(BigInt64Array, n), fullTime: buf(BigInt64Array, n),
    given: buf(BigInt64Array, n), attended: buf(BigInt64Array, n), unjustified: buf(BigInt64Array, n),
  };
  for (let i = 0; i < n; ++i) {
    p.region[i] = 3;
    p.schoolYear[i] = 2023;
    p.trainingStart[i] = 20230900 + r.int(1, 28);
    p.trainingType[i] = W3_LEAVE_TYPES[r.int(0, 2)];
    p.contract[i] = BigInt(W3_LEAVE_CONTRACTS[r.int(0, 2)]);
    p.fullTime[i] = 2280n;
    const given = 30 * r.int(40, 300); // 20 h .. 150 h
    const unj = r() < 0.3 ? 30 * r.int(0, Math.floor(given / 150)) : 0; // 0..20%
    const just = 30 * r.int(0, Math.floor(given / 300));
    p.given[i] = BigInt(given);
    p.unjustified[i] = BigInt(unj);
    p.attended[i] = BigInt(Math.max(0, given - unj - just));
  }
  return p;
}

function leaveRowsOf(p, begin = 0, end = p.rows) {
  const rows = new Array(end - begin);
  for (let i = begin; i < end; ++i)
    rows[i - begin] = {
      region: p.region[i], school_year: p.schoolYear[i], training_start: p.trainingStart[i],
      training_type: p.trainingType[i], contract_minutes: Number(p.contract[i]), full_time_minutes: Number(p.fullTime[i]),
      given_minutes: Number(p.given[i]), attended_minutes: Number(p.attended[i]), unjustified_minutes: Number(p.unjustified[i]),
    };
  return rows;
}

module.exports = { rng, epochDay, isoOf, addMonthsIso, makeW1, makeW2, makePePopulation, peRowsOf, makeLeavePopulation,
                   leaveRowsOf, W3_PE_AT };

if (require.main === module) {
  // node gen.js: writes the committed fixtures (bench/fixtures/w1.json, w2.json)
  const fs = require('fs'), path = require('path');
  const dir = path.join(__dirname, '..', 'fixtures');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'w1.json'), JSON.stringify(makeW1()) + '\n');
  fs.writeFileSync(path.join(dir, 'w2.json'), JSON.stringify(makeW2()) + '\n');
  console.log('wrote', dir);
}
