import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../shared/contract/define';
import { openTestBackend } from '../../helpers/temp-db';
import { supervisionBackend } from './helpers';

/**
 * 全员覆盖 from the roster: 参加人员 is a 人员名单 (people picked from the roster), a pasted name
 * list is matched name by name, a name no one answers to is named back — never silently
 * taken as nobody — and the list's size is set beside 实到人数.
 */

test('a 人员名单 takes a pasted list as people; a name not on the roster refuses the cell, naming it', async (t) => {
  const { backend, units, people } = supervisionBackend(t);
  backend.roster.create({ name: '王伟', unitId: units.c }); // a second 王伟, in 交警支队
  const study = backend.ledger.categories.create({ templateKey: 'study' });
  assert.equal(study.fields.find((f) => f.key === 'attendees')!.type, 'people');

  const ok = backend.ledger.records.create(study.id, { date: '2026-02-26', topic: '党史', attendees: '李娜、赵强\n王伟（刑侦支队）' });
  assert.deepEqual(ok.values.attendees, [people.li, people.zhao, people.wang]);
  assert.deepEqual(backend.ledger.shownRows(study.id)[0]!['参加人员'], '李娜、赵强、王伟');

  assert.throws(
    () => backend.ledger.records.create(study.id, { date: '2026-02-27', topic: '党史', attendees: '李娜，张三丰' }),
    (e: unknown) => e instanceof ApiError && /花名册中没有：张三丰/.test(e.message),
  );
  assert.throws(
    () => backend.ledger.records.create(study.id, { date: '2026-02-27', topic: '党史', attendees: '王伟' }),
    (e: unknown) => e instanceof ApiError && /“王伟”有2人，请写成“姓名（单位）”或填写警号/.test(e.message),
  );

  const match = await backend.handlers['ledger.matchPeople']({ text: '李娜 赵强 张三丰、王伟' });
  assert.deepEqual(match.matched.map((p) => p.name), ['李娜', '赵强']);
  assert.deepEqual(match.unmatched, ['张三丰']);
  assert.deepEqual(match.ambiguous, [{ text: '王伟', count: 2 }]);
});

test('coverage counts the list’s people, sets it beside 实到人数, and names a typed name no one answers to', async (t) => {
  const { backend, units, people } = supervisionBackend(t);
  const study = backend.ledger.categories.create({ templateKey: 'study' });
  const session = backend.ledger.records.create(study.id, { date: '2026-02-26', topic: '法治思想', unit: '政治部', present: 3, attendees: [people.li, people.wang] });
  const cov = await backend.handlers['tasks.coverage']({ recordId: session.id, unitIds: [units.b] });
  assert.deepEqual(cov.missing.map((m) => m.name), ['赵强']);
  assert.deepEqual(cov.attendance, { listed: 2, reportedPresent: 3, unknown: [], ambiguous: [] }, '实到 3 against a list of 2: the difference shows');

  // a ledger made before 人员名单 existed: 参加人员 typed as text; a misspelt name is reported
  const old = backend.ledger.categories.create({ name: '旧学习记录', templateKey: 'study' });
  const field = old.fields.find((f) => f.key === 'attendees')!;
  backend.ledger.categories.applyTypeChange(field.id, 'longText', undefined, false);
  const typed = backend.ledger.records.create(old.id, { date: '2026-02-26', topic: '法治思想', unit: '政治部', attendees: '李娜、张三丰' });
  const legacy = await backend.handlers['tasks.coverage']({ recordId: typed.id, unitIds: [units.b] });
  assert.deepEqual(legacy.missing.map((m) => m.name), ['赵强']);
  assert.deepEqual(legacy.attendance, { listed: 1, reportedPresent: null, unknown: ['张三丰'], ambiguous: [] });
});

test('the demo’s 96 study sessions carry their attendees, and coverage agrees with each one’s 实到人数', async (t) => {
  const { backend } = openTestBackend(t);
  backend.demo.load();
  const study = backend.ledger.categories.list().find((c) => c.templateKey === 'study')!;
  const ids = backend.ctx.db.prepare('SELECT id FROM ledger_records WHERE category_id = ? ORDER BY id').pluck().all(study.id) as number[];
  assert.equal(ids.length, 96);
  for (const id of ids) {
    const { values } = backend.ledger.records.get(id);
    assert.ok(Array.isArray(values.attendees) && values.attendees.length > 0, `session ${id} lists its attendees`);
    const cov = await backend.handlers['tasks.coverage']({ recordId: id, unitIds: [values.unit as number] });
    assert.equal(cov.attendance!.listed, values.present, `session ${id}: the list matches 实到人数`);
    assert.equal(cov.expected - cov.missing.length, values.present, `session ${id}: who attended, by the roster, is 实到人数`);
    assert.equal(cov.expected, values.expected, `session ${id}: 应到人数 is the unit’s headcount`);
  }
});
