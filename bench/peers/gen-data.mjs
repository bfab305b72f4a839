// Deterministic data set for the peer comparison (same seed → same bytes).
//
//   node gen-data.mjs [OUT_DIR] [COUNT]      defaults: data 100000
//
// Writes OUT_DIR/candidates.jsonl (selection.eligibility) and OUT_DIR/workers.jsonl
// (assessment.consequence), one tiaoli facts document a line with a top-level `id` and `as_of`.
// The cases lean on the edges: ages within a few days of the 18th, 60th and 61st birthdays
// (and on the evaluation day itself), 29 February births evaluated on 28 February / 1 March of
// common years and on 29 February of a leap year, evaluation dates on and around 31 December
// (a year's annual grade counts from its 31 December), two unqualified years in a row, gaps,
// duplicate and conflicting grades for one year, missing and empty lists.
import { mkdirSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2] ?? 'data';
const count = Number(process.argv[3] ?? 100000);

// mulberry32: a small deterministic PRNG.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (n) => Math.floor(next() * n),
    chance: (percent) => next() * 100 < percent,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n, w = 2) => String(n).padStart(w, '0');
const ymd = (y, m, d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const DAY = 86400000;
const toDays = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY;
const fromDays = (n) => new Date(n * DAY).toISOString().slice(0, 10);
// `s` moved by `years`; 29 February becomes 28 February in a common year.
function addYears(s, years) {
  const y = +s.slice(0, 4) + years;
  const m = +s.slice(5, 7);
  let d = +s.slice(8, 10);
  if (m === 2 && d === 29 && !isLeap(y)) d = 28;
  return ymd(y, m, d);
}

const EDUCATION = ['小学', '初中', '高中', '中专', '大专', '本科', '硕士', '博士'];
const FIXED_AS_OF = ['2026-03-01', '2026-02-28', '2028-02-29', '2027-03-01', '2025-12-31', '2025-12-30',
  '2026-01-01', '2026-05-01', '2026-03-15'];

function pickAsOf(r) {
  if (r.chance(50)) return r.pick(FIXED_AS_OF);
  return fromDays(toDays('2024-01-01') + r.below(4 * 365));
}

function pickBirth(r, asOf) {
  const kind = r.below(20);
  if (kind < 5) return fromDays(toDays(addYears(asOf, -18)) + r.below(7) - 3);   // around the 18th birthday
  if (kind < 7) return addYears(asOf, -18);                                      // the 18th birthday is today
  if (kind < 11) return fromDays(toDays(addYears(asOf, r.chance(50) ? -60 : -61)) + r.below(7) - 3);
  if (kind < 13) return addYears(asOf, r.chance(50) ? -60 : -61);                // 60th / 61st birthday today
  if (kind < 16) {                                                               // 29 February births
    const y = r.pick([1964, 1965, 1966, 1967, 1968, 2004, 2008, 2009, 2010, 2012].filter(isLeap));
    const shift = r.below(10);
    return fromDays(toDays(ymd(y, 2, 29)) + (shift === 0 ? -1 : shift === 1 ? 1 : 0));
  }
  return fromDays(toDays('1950-01-01') + r.below(62 * 365));
}

function grades(r, n, firstYear, lastYear, unqualifiedPercent) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const g = r.below(100);
    out.push({ year: firstYear + r.below(lastYear - firstYear + 1),
      grade: g < unqualifiedPercent ? '不合格' : g < 80 ? '合格' : '优秀' });
  }
  return out;
}

function candidate(r, i) {
  const asOf = pickAsOf(r);
  const c = {
    birth_date: pickBirth(r, asOf),
    education: r.chance(88) ? EDUCATION[2 + r.below(6)] : EDUCATION[r.below(2)],
    political_quality: r.chance(96),
    law_abiding: r.chance(96),
    good_conduct: r.chance(96),
    familiar_with_locality: r.chance(96),
    communication_ability: r.chance(96),
    health_fit: r.chance(96),
  };
  const y = +asOf.slice(0, 4);
  const kind = r.below(10);
  if (kind < 4) {
    // no earlier service: the field is absent
  } else if (kind < 5) {
    c.annual_grades = [];
  } else if (kind < 7) {
    const first = y - 2 - r.below(4);  // two unqualified years in a row, or with a gap
    c.annual_grades = [{ year: first + (r.chance(30) ? 2 : 1), grade: '不合格' }, { year: first, grade: '不合格' }];
  } else {
    c.annual_grades = grades(r, 1 + r.below(4), y - 6, y - 1, 35);
  }
  return { id: `c${pad(i, 6)}`, as_of: asOf, candidate: c };
}

function worker(r, i) {
  const asOf = pickAsOf(r);
  const y = +asOf.slice(0, 4);
  const w = {
    birth_date: pickBirth(r, asOf),
    contract_start: fromDays(toDays(asOf) - 30 - r.below(700)),
    workplace_provided: true,
    pay: { base: 3000, performance: 1200, paid_on_time: true },
    social_insurance_paid: true,
  };
  const kind = r.below(20);
  if (kind < 1) {
    // no annual grades yet: absent
  } else if (kind < 2) {
    w.annual_grades = [];
  } else if (kind < 6) {
    // two unqualified in a row, the latest this year or last year (counted only from 31 December)
    const latest = y - r.below(2);
    w.annual_grades = [{ year: latest - 1, grade: '不合格' }, { year: latest, grade: '不合格' }];
    if (r.chance(30)) w.annual_grades.push({ year: latest - 2, grade: r.pick(['合格', '优秀']) });
  } else if (kind < 7) {
    // the same year twice, conflicting or duplicated
    const year = y - 1;
    w.annual_grades = [{ year, grade: '合格' }, { year, grade: r.pick(['合格', '不合格', '优秀']) }];
  } else {
    w.annual_grades = grades(r, 1 + r.below(5), y - 4, y, 25);
  }
  if (w.annual_grades && r.chance(50)) w.annual_grades.reverse();
  return { id: `w${pad(i, 6)}`, as_of: asOf, worker: w };
}

async function write(path, make) {
  const out = createWriteStream(path);
  const r = rng(path.endsWith('candidates.jsonl') ? 20260301 : 20251231);
  let chunk = [];
  for (let i = 1; i <= count; i++) {
    chunk.push(JSON.stringify(make(r, i)));
    if (chunk.length === 5000 || i === count) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise((res) => out.once('drain', res));
      chunk = [];
    }
  }
  await new Promise((res) => out.end(res));
}

mkdirSync(outDir, { recursive: true });
await write(join(outDir, 'candidates.jsonl'), candidate);
await write(join(outDir, 'workers.jsonl'), worker);
console.error(`wrote ${count} candidates and ${count} workers to ${outDir}/`);
