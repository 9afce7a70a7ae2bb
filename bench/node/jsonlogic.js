// The workloads as JSON Logic rules for json-logic-engine. JSON Logic has no
// dates and no variables, so: dates stay ISO text (which orders correctly as
// text), a few date helpers are added as methods (month arithmetic, day
// differences, clock minutes), and each workload is a list of stages whose
// named results are added to the data the next stage reads (as ZEN's
// pass-through nodes do). Inside map/filter/reduce, "../../x" reads x one
// level up.
'use strict';

const DAY_MS = 86400000;
const dayOf = (iso) => Date.parse(iso.slice(0, 10) + 'T00:00:00Z') / DAY_MS;
const isoOf = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
function addMonths(iso, n) {
  // day of month kept, rolled forward past the month's end (never happens in
  // the generated data, see gen.js)
  const y = Number(iso.slice(0, 4)), m = Number(iso.slice(5, 7)) - 1 + n, d = Number(iso.slice(8, 10));
  return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
}

const methods = {
  periodEnd: ([iso, months]) => (iso == null ? null : isoOf(dayOf(addMonths(iso, months)) - 1)),
  nextDay: ([iso]) => isoOf(dayOf(iso) + 1),
  daysBetween: ([a, b]) => dayOf(b) - dayOf(a),
  month: ([iso]) => Number(iso.slice(5, 7)),
  clockMinutes: ([from, to]) => (Number(to.slice(0, 2)) * 60 + Number(to.slice(3, 5))) - (Number(from.slice(0, 2)) * 60 + Number(from.slice(3, 5))),
  hundredths: ([s]) => Math.round(Number(s) * 100),
  floorDiv: ([a, b]) => Math.floor(a / b),
};

const v = (x) => ({ var: x });
const sum = (list, value) => ({ reduce: [list, { '+': [v('accumulator'), value] }, 0] });
const between = (x, lo, hi) => ({ and: [{ '<=': [lo, x] }, { '<=': [x, hi] }] });
const ifElse = (c, a, b) => ({ if: [c, a, b] });

// W1: PE status of one participant (the pe.status request document).
const w1 = [
  { start: v('dossier.participants.0.diploma_date'),
    end: { periodEnd: [v('dossier.participants.0.diploma_date'), 24] } },
  { earned: sum(
      { filter: [v('dossier.completions'), between(v('completed'), v('../../start'), v('../../date'))] },
      // points of the recognition valid on the completion date
      sum({ filter: [v('../../dossier.recognitions'), { and: [
            { '==': [v('activity_id'), v('../../current.activity_id')] },
            between(v('../../current.completed'), v('decided'), { periodEnd: [v('decided'), 24] })] }] },
          { hundredths: [v('current.points')] })) },
];
const finishW1 = (x) => ({
  state: x.date < x.start ? 'not_registered' : x.date <= x.end ? 'registered' : 'ended',
  period_end: x.end, earned: x.earned, short: Math.max(0, 1200 - x.earned),
  days_left: methods.daysBetween([x.date, x.end]), renewal_possible: x.earned >= 1200,
});

// W2: leave entitlement of one worker (Walloon BEV, trimesters, 10% rule).
const T = 'workers.0.trainings.0';
const JUSTIFIED = ['illness', 'accident', 'pregnancy', 'maternity', 'short_leave', 'work_required', 'teacher_absent',
                   'school_closed', 'thematic_leave', 'time_credit'];
const lessonLen = { clockMinutes: [v('start'), v('end')] };
const trimester = (iso) => ifElse({ '>=': [{ month: [iso] }, 9] }, 1, ifElse({ '<=': [{ month: [iso] }, 3] }, 2, 3));
// absence minutes on a lesson day (the lesson is the current item); default: the whole lesson
const absentOn = (justified) => sum(
  { filter: [v(`../../${T}.absences`), { and: [{ '==': [v('date'), v('../../date')] },
                                                 justified ? { in: [v('reason'), JUSTIFIED] } : { '!': { in: [v('reason'), JUSTIFIED] } }] }] },
  ifElse({ '==': [v('current.absent_minutes'), null] }, { clockMinutes: [v('../../start'), v('../../end')] }, v('current.absent_minutes')));
// stage 1: per lesson day (objects built by a method: JSON Logic builds none)
methods.day = ([date, len, unj, jus]) => ({ date, len, unj, jus });
const w2 = [{
  days: { map: [v(`${T}.lessons`), { day: [v('date'), lessonLen, absentOn(false), absentOn(true)] }] },
  cap: ifElse({ '==': [v(`${T}.type`), 'professional'] }, 6000, 4800),
  last: { reduce: [v(`${T}.lessons`), ifElse({ '<': [v('accumulator'), v('current.date')] }, v('current.date'), v('accumulator')), ''] },
}];
const gOf = (k, field) => sum({ filter: [v('days'), { '==': [trimester(v('date')), k] }] }, v(`current.${field}`));
w2.push({
  p1last: ifElse({ '<': [v('last'), '2023-12-31'] }, v('last'), '2023-12-31'),
  p2last: ifElse({ '<': [v('last'), '2024-03-31'] }, v('last'), '2024-03-31'),
  g1: gOf(1, 'len'), u1: gOf(1, 'unj'), g2: gOf(2, 'len'), u2: gOf(2, 'unj'),
});
// (json-logic-engine 5.0.7 miscompiles a comparison of two reduce results:
// the sums get a stage of their own)
w2.push({
  s1: { '>': [{ '*': [v('u1'), 10] }, v('g1')] },
  s2: { '>': [{ '*': [v('u2'), 10] }, v('g2')] },
  s1from: { nextDay: [v('p1last')] }, s1to: { periodEnd: [{ nextDay: [v('p1last')] }, 6] },
  s2from: { nextDay: [v('p2last')] }, s2to: { periodEnd: [{ nextDay: [v('p2last')] }, 6] },
});
const att = { max: [0, { '-': [v('current.len'), { '+': [v('current.unj'), v('current.jus')] }] }] };
w2.push({
  contact: sum(v('days'), v('current.len')),
  all: sum(v('days'), att),
  excluded: sum({ filter: [v('days'), { or: [
    { and: [v('../../s1'), between(v('date'), v('../../s1from'), v('../../s1to'))] },
    { and: [v('../../s2'), between(v('date'), v('../../s2from'), v('../../s2to'))] }] }] }, att),
});
const finishW2 = (x) => {
  const eligible = x.contact >= 1920;
  const attended = x.all - x.excluded;
  return { eligible, attended, excluded: x.excluded,
           granted: eligible ? Math.min(Math.floor((Math.min(attended, x.cap) + 30) / 60) * 60, attended) : 0 };
};

// W3 PE: one participant of the columnar contract.
const earnedIn = (k) => sum({ filter: [v('completions'), { and: [
  between(v('on'), v(`../../p${k}`), v(`../../q${k}`)), { '<=': [v('on'), v('../../date')] }] }] }, v('current.points'));
const renewedIn = (k) => ({ and: [{ '>=': [v(`e${k}`), 1200] }, { '>': [v('date'), v(`q${k}`)] },
  { some: [v('renewals'), { and: [between(v(''), v(`../../p${k}`), v(`../../q${k}`)), { '<=': [v(''), v('../../date')] }] }] }] });
const w3pe = [
  { p1: ifElse({ '>=': [v('diploma'), '2023-01-01'] }, v('diploma'), v('activation')) },
  { q1: { periodEnd: [v('p1'), 24] } },
  { e1: ifElse({ '==': [v('p1'), null] }, 0, earnedIn(1)), p2: ifElse({ '==': [v('p1'), null] }, '2000-01-01', { nextDay: [v('q1')] }) },
  { q2: { periodEnd: [v('p2'), 24] }, r1: { and: [{ '!=': [v('p1'), null] }, renewedIn(1)] } },
  { e2: earnedIn(2), p3: { nextDay: [v('q2')] } },
  { q3: { periodEnd: [v('p3'), 24] }, r2: { and: [v('r1'), renewedIn(2)] } },
  { e3: earnedIn(3) },
];
const finishW3pe = (x) => {
  const k = x.p1 == null || x.date < x.p1 ? 0 : x.r2 ? 3 : x.r1 ? 2 : 1;
  if (k === 0) return ['not_registered', null, null, 0, 0, -1, false];
  const first = x[`p${k}`], last = x[`q${k}`], earned = x[`e${k}`];
  const open = x.date <= last;
  return [open ? 'registered' : earned >= 1200 ? 'ended' : 'lapsed', first, last, earned, Math.max(0, 1200 - earned),
          open ? methods.daysBetween([x.date, last]) : -1, open && earned >= 1200];
};

// W3 leave: one row of the columnar contract (Walloon BEV 2023-2024).
const w3leave = [{
  eligible: { and: [{ '>=': [v('given_minutes'), 1920] },
                    { '>=': [{ '*': [v('contract_minutes'), 5] }, { '*': [v('full_time_minutes'), 4] }] }] },
  cap: ifElse({ '==': [v('training_type'), 0] }, 6000, 4800),
  flag10: { '>': [{ '*': [v('unjustified_minutes'), 10] }, v('given_minutes')] },
}, {
  // rounding grants no minute beyond those attended (leave.hours.rounding_at_most_counted)
  granted: ifElse(v('eligible'), { min: [{ '*': [60, { floorDiv: [
    { '+': [{ '*': [{ min: [v('attended_minutes'), v('cap')] }, v('contract_minutes'), 2] }, { '*': [60, v('full_time_minutes')] }] },
    { '*': [120, v('full_time_minutes')] }] }] }, v('attended_minutes')] }, 0),
}];
const finishW3leave = (x) => [x.eligible ? 0 : 1, x.granted, x.eligible && x.attended_minutes > x.cap,
                              x.given_minutes < 1920, x.flag10];

module.exports = { methods, w1, w2, w3pe, w3leave,
                   finish: { w1: finishW1, w2: finishW2, w3pe: finishW3pe, w3leave: finishW3leave } };
