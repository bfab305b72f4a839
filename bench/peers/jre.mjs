// selection.eligibility and assessment.consequence in json-rules-engine 7.3.1, written the way
// its documentation writes rules: JSON conditions on facts (with JSONPath `path`s into the
// nested records), one rule per requirement, and an event per outcome.
//
// json-rules-engine has no expression language: anything beyond comparing a fact with a
// constant is a *computed fact* (Engine#addFact with a function, evaluated lazily by the
// almanac and cached for the run). So 周岁 and the list logic (consecutive unqualified years,
// the latest graded year) are computed facts, inside the engine, the way its docs do it.
import { Engine } from 'json-rules-engine';

// 周岁, birthday convention: N from the Nth birthday on; a 29 February birthday falls on 1 March
// in common years, which comparing (month, day) as MMDD gives: 0228 < 0229 <= 0301.
export function completedYears(birth, on) {
  const years = +on.slice(0, 4) - +birth.slice(0, 4);
  const onMd = +on.slice(5, 7) * 100 + +on.slice(8, 10);
  const birthMd = +birth.slice(5, 7) * 100 + +birth.slice(8, 10);
  return onMd < birthMd ? years - 1 : years;
}

export const FAILURE_ORDER = ['POLITICAL', 'LAW', 'CONDUCT', 'EDUCATION', 'AGE_UNDER_18', 'AGE_OVER_60',
  'LOCALITY', 'COMMUNICATION', 'HEALTH', 'BARRED_TWO_UNQUALIFIED'];

const failed = (code, condition) => ({
  name: code,
  conditions: { all: [condition] },
  event: { type: 'failed', params: { code } },
});

export function eligibilityEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  // 3.1.2: 18 <= 周岁 <= 60 (民法典 第一千二百五十九条: 以上/以下 include the number).
  engine.addFact('age', async (params, almanac) =>
    completedYears(await almanac.factValue('candidate', {}, '$.birth_date'), await almanac.factValue('as_of')));
  // 5.4.3: two unqualified years in a row (years y and y+1, records in any order).
  engine.addFact('consecutiveUnqualified', async (params, almanac) => {
    const grades = (await almanac.factValue('candidate', {}, '$.annual_grades')) ?? [];
    const years = new Set(grades.filter((g) => g.grade === '不合格').map((g) => g.year));
    for (const y of years) if (years.has(y + 1)) return true;
    return false;
  });
  const candidate = (path, operator, value) => ({ fact: 'candidate', path, operator, value });
  engine.addRule(failed('POLITICAL', candidate('$.political_quality', 'notEqual', true)));
  engine.addRule(failed('LAW', candidate('$.law_abiding', 'notEqual', true)));
  engine.addRule(failed('CONDUCT', candidate('$.good_conduct', 'notEqual', true)));
  engine.addRule(failed('EDUCATION', candidate('$.education', 'notIn', ['高中', '中专', '大专', '本科', '硕士', '博士'])));
  engine.addRule(failed('AGE_UNDER_18', { fact: 'age', operator: 'lessThan', value: 18 }));
  engine.addRule(failed('AGE_OVER_60', { fact: 'age', operator: 'greaterThan', value: 60 }));
  engine.addRule(failed('LOCALITY', candidate('$.familiar_with_locality', 'notEqual', true)));
  engine.addRule(failed('COMMUNICATION', candidate('$.communication_ability', 'notEqual', true)));
  engine.addRule(failed('HEALTH', candidate('$.health_fit', 'notEqual', true)));
  engine.addRule(failed('BARRED_TWO_UNQUALIFIED', { fact: 'consecutiveUnqualified', operator: 'equal', value: true }));
  return engine;
}

// → {eligible, failed} in the rule order tiaoli reports (events arrive in completion order).
export async function eligibility(engine, doc) {
  const { events } = await engine.run(doc);
  const codes = events.map((e) => e.params.code);
  return { eligible: codes.length === 0, failed: FAILURE_ORDER.filter((c) => codes.includes(c)) };
}

export function consequenceEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  // The grades made by as_of: a year's annual assessment exists from its 31 December (5.3.3),
  // i.e. year < year(as_of + 1 day).
  engine.addFact('graded', async (params, almanac) => {
    const asOf = await almanac.factValue('as_of');
    const next = new Date(Date.parse(asOf + 'T00:00:00Z') + 86400000).getUTCFullYear();
    const grades = (await almanac.factValue('worker', {}, '$.annual_grades')) ?? [];
    return grades.filter((g) => g.year < next);
  });
  // The latest graded year: its grades, whether they conflict, and the grade of the year before.
  engine.addFact('latest', async (params, almanac) => {
    const graded = await almanac.factValue('graded');
    if (graded.length === 0) return { count: 0 };
    const year = Math.max(...graded.map((g) => g.year));
    const grades = new Set(graded.filter((g) => g.year === year).map((g) => g.grade));
    return {
      count: graded.length,
      year,
      conflicting: grades.size > 1,
      grade: grades.size === 1 ? [...grades][0] : null,
      previousUnqualified: graded.some((g) => g.year === year - 1 && g.grade === '不合格'),
    };
  });
  const latest = (path, operator, value) => ({ fact: 'latest', path, operator, value });
  const action = (name, conditions) => ({ name, conditions: { all: conditions }, event: { type: name } });
  engine.addRule(action('no_grade', [latest('$.count', 'equal', 0)]));
  engine.addRule(action('conflicting_grades', [latest('$.conflicting', 'equal', true)]));
  engine.addRule(action('commend_and_renew', [latest('$.grade', 'equal', '优秀')]));               // 5.4.1, 5.4.2
  engine.addRule(action('renew', [latest('$.grade', 'equal', '合格')]));                           // 5.4.2
  engine.addRule(action('dismiss', [latest('$.grade', 'equal', '不合格'), latest('$.previousUnqualified', 'equal', false)]));  // 5.4.3
  engine.addRule(action('dismiss_and_bar', [latest('$.grade', 'equal', '不合格'), latest('$.previousUnqualified', 'equal', true)]));
  return engine;
}

// → {action}; exactly one rule fires.
export async function consequence(engine, doc) {
  const { events } = await engine.run(doc);
  if (events.length !== 1) throw new Error(`${doc.id}: ${events.length} consequence rules fired`);
  return { action: events[0].type };
}
