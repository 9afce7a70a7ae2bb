// The workloads as GoRules JDM decisions (expression nodes only, using
// map/filter/sum and the d() date functions of ZEN 0.54). `node jdm.js`
// writes them to decisions/*.json, which the harness loads.
//
// ZEN closures see the element (#) and the node's input, not an enclosing
// closure's element, so a join (completion x recognition, lesson x absence)
// takes two nodes: one that copies the list to join into each item, and one
// in loop mode that filters it per item.
'use strict';

let seq = 0;
const expr = (name, expressions, extra = {}) => ({
  id: `n${++seq}`, type: 'expressionNode', name, position: { x: 200 * seq, y: 0 },
  content: {
    passThrough: true, inputField: null, outputPath: null, executionMode: 'single',
    expressions: Object.entries(expressions).map(([key, value], i) => ({ id: `n${seq}e${i}`, key, value })),
    ...extra,
  },
});
const loop = (name, inputField, outputPath, expressions) =>
  expr(name, expressions, { passThrough: true, inputField, outputPath, executionMode: 'loop' });

function decision(nodes) {
  seq = 0;
  const all = [{ id: 'in', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } }, ...nodes,
               { id: 'out', type: 'outputNode', name: 'response', position: { x: 200 * (nodes.length + 1), y: 0 } }];
  const edges = [];
  for (let i = 0; i + 1 < all.length; ++i)
    edges.push({ id: `e${i}`, type: 'edge', sourceId: all[i].id, targetId: all[i + 1].id });
  return { contentType: 'application/vnd.gorules.decision', nodes: all, edges };
}

const ISO = '"%Y-%m-%d"';
const plus24m = (x) => `d(${x}).add(24, "M").sub(1, "d").format(${ISO})`;

// W1: PE status of one participant from a pe.status request document.
function w1() {
  return decision([
    expr('period and recognition windows', {
      start: 'dossier.participants[0].diploma_date',
      end: plus24m('dossier.participants[0].diploma_date'),
      windows: `map(dossier.recognitions, {activity: #.activity_id, from: #.decided, until: ${plus24m('#.decided')}, points: round(number(#.points) * 100)})`,
    }),
    expr('completions with the windows to join', {
      items: 'map(dossier.completions, {on: #.completed, activity: #.activity_id, windows: windows, start: start, date: date})',
    }),
    loop('points of each completion', 'items', 'booked', {
      counts: 'd(on) >= d(start) and d(on) <= d(date)',
      points: 'sum(map(filter(windows, #.activity == activity and d(#.from) <= d(on) and d(on) <= d(#.until)), #.points))',
    }),
    expr('status', {
      earned: 'sum(map(filter(booked, #.counts), #.points))',
    }),
    expr('result', {
      state: 'd(date) < d(start) ? "not_registered" : (d(date) <= d(end) ? "registered" : "ended")',
      period_end: 'end',
      earned: 'earned',
      short: 'max([0, 1200 - earned])',
      days_left: 'd(end).diff(d(date), "day")',
      renewal_possible: 'earned >= 1200',
    }, { passThrough: false }),
  ]);
}

// W2: leave entitlement of one worker (one training, Walloon BEV, full time)
// with the trimester certificate periods and the 10% rule.
function w2() {
  const t = 'workers[0].trainings[0]';
  const window = (k) => ({
    [`p${k}last`]: `d(last) < d(t${k}end) ? last : t${k}end`,
    [`g${k}`]: `sum(map(filter(days, #.tri == ${k}), #.len))`,
    [`u${k}`]: `sum(map(filter(days, #.tri == ${k}), #.unj))`,
  });
  const susp = (k) => ({
    [`s${k}`]: `u${k} * 10 > g${k}`,
    [`s${k}from`]: `d(p${k}last).add(1, "d").format(${ISO})`,
    [`s${k}to`]: `d(p${k}last).add(1, "d").add(6, "M").sub(1, "d").format(${ISO})`,
  });
  return decision([
    expr('lessons and absences', {
      lessons: `map(${t}.lessons, {date: #.date, len: d(#.date + " " + #.end).diff(d(#.date + " " + #.start), "minute")})`,
      absences: `map(${t}.absences, {date: #.date, justified: #.reason in ["illness", "accident", "pregnancy", "maternity", "short_leave", "work_required", "teacher_absent", "school_closed", "thematic_leave", "time_credit"], minutes: #.absent_minutes})`,
      cap: `${t}.type == "professional" ? 6000 : 4800`,
      first: `${t}.lessons[0].date`,
      last: `${t}.lessons[len(${t}.lessons) - 1].date`,
      t1end: '"2023-12-31"', t2end: '"2024-03-31"', t3end: '"2024-08-31"',
    }),
    expr('lessons with the absences to join', {
      items: 'map(lessons, {date: #.date, len: #.len, absences: absences})',
    }),
    loop('each lesson day', 'items', 'days', {
      unj: 'sum(map(filter(absences, #.date == date and not #.justified), #.minutes ?? len))',
      jus: 'sum(map(filter(absences, #.date == date and #.justified), #.minutes ?? len))',
      tri: 'd(date).month() >= 9 ? 1 : (d(date).month() <= 3 ? 2 : 3)',
      att: 'max([0, len - $.unj - $.jus])',
      len: 'len',
      date: 'date',
    }),
    expr('certificate periods', { ...window(1), ...window(2) }),
    expr('10% rule and suspensions', { ...susp(1), ...susp(2) }),
    expr('hours', {
      excluded: 'sum(map(filter(days, (s1 and d(#.date) >= d(s1from) and d(#.date) <= d(s1to)) or (s2 and d(#.date) >= d(s2from) and d(#.date) <= d(s2to))), #.att))',
      contact: 'sum(map(days, #.len))',
      all: 'sum(map(days, #.att))',
    }),
    expr('result', {
      eligible: 'contact >= 1920',
      attended: 'all - excluded',
      excluded: 'excluded',
      granted: 'contact >= 1920 ? floor((min([all - excluded, cap]) + 30) / 60) * 60 : 0',
    }, { passThrough: false }),
  ]);
}

// W3 PE: one participant of the columnar contract (booked completions,
// activation, renewal requests), periods walked up to three times.
function w3pe() {
  const period = (k, startExpr) => ({
    [`p${k}`]: startExpr,
    [`q${k}`]: plus24m(startExpr),
  });
  const earned = (k) => `sum(map(filter(completions, d(#.on) >= d(p${k}) and d(#.on) <= d(q${k}) and d(#.on) <= d(date)), #.points))`;
  const renewed = (k) => `e${k} >= 1200 and some(renewals, d(#) >= d(p${k}) and d(#) <= d(q${k}) and d(#) <= d(date))`;
  return decision([
    expr('start', {
      start: 'd(diploma) >= d("2023-01-01") ? diploma : activation',
    }),
    expr('period 1', period(1, 'start')),
    expr('period 1 points', { e1: `start == null ? 0 : ${earned(1)}` }),
    expr('period 2', period(2, `start == null ? "2000-01-01" : d(q1).add(1, "d").format(${ISO})`)),
    expr('period 2 points', { e2: earned(2), r1: `start != null and d(date) > d(q1) and ${renewed(1)}` }),
    expr('period 3', period(3, `d(q2).add(1, "d").format(${ISO})`)),
    expr('period 3 points', { e3: earned(3), r2: `r1 and d(date) > d(q2) and ${renewed(2)}` }),
    expr('current', {
      k: 'start == null or d(date) < d(start) ? 0 : (r2 ? 3 : (r1 ? 2 : 1))',
    }),
    expr('current period', {
      first: 'k == 0 ? null : (k == 1 ? p1 : (k == 2 ? p2 : p3))',
      last: 'k == 0 ? null : (k == 1 ? q1 : (k == 2 ? q2 : q3))',
      earned: 'k == 0 ? 0 : (k == 1 ? e1 : (k == 2 ? e2 : e3))',
    }),
    expr('result', {
      state: 'k == 0 ? "not_registered" : (d(date) <= d(last) ? "registered" : (earned >= 1200 ? "ended" : "lapsed"))',
      first: 'first', last: 'last', earned: 'earned',
      short: 'k == 0 ? 0 : max([0, 1200 - earned])',
      days_left: 'k != 0 and d(date) <= d(last) ? d(last).diff(d(date), "day") : -1',
      renewal_possible: 'k != 0 and d(date) <= d(last) and earned >= 1200',
    }, { passThrough: false }),
  ]);
}

// W3 leave: one row of the columnar contract, Walloon BEV 2023-2024.
function w3leave() {
  return decision([
    expr('row', {
      cap: 'training_type == 0 ? 6000 : 4800',
      eligible: 'given_minutes >= 1920 and contract_minutes * 5 >= full_time_minutes * 4',
      flag10: 'unjustified_minutes * 10 > given_minutes',
    }),
    expr('result', {
      status: 'eligible ? 0 : 1',
      granted: 'eligible ? floor((min([attended_minutes, cap]) * contract_minutes * 2 + 60 * full_time_minutes) / (120 * full_time_minutes)) * 60 : 0',
      capped: 'eligible and attended_minutes > cap',
      below_minimum: 'given_minutes < 1920',
      suspension_triggered: 'flag10',
    }, { passThrough: false }),
  ]);
}

const decisions = { w1, w2, w3pe, w3leave };
module.exports = { decisions };

if (require.main === module) {
  const fs = require('fs'), path = require('path');
  const dir = path.join(__dirname, 'decisions');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(decisions))
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(make(), null, 1) + '\n');
  console.log('wrote', dir);
}
