import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../shared/contract/define';
import { parseIdNumber } from '../../../shared/validation/id-number';
import { checkPersonConsistency } from '../../../shared/validation/person';
import { LATEST_SCHEMA_VERSION } from '../../../electron/backend/db/migrations';
import { TEST_ACTOR, auditRows, openTestBackend } from '../../helpers/temp-db';

describe('sample office (载入示例数据)', () => {
  it('fills an empty file with ~38 units and 360 people whose IDs are valid and agree with birth date and sex', (t) => {
    const { backend } = openTestBackend(t);
    assert.equal(backend.app.info().isEmpty, true);
    const r = backend.demo.load();
    const units = backend.units.list();
    const people = backend.roster.list();
    assert.equal(r.units, units.length);
    assert.ok(units.length >= 30 && units.length <= 50, `${units.length} units`);
    assert.equal(r.people, 360);
    assert.equal(people.length, 360);
    for (const name of ['市公安局党委', '政治部', '指挥中心', '法制支队']) assert.ok(units.some((u) => u.name === name), name);
    assert.equal(units.filter((u) => u.parentId === null).length, 1, 'one root');

    const ids = new Set<string>();
    const badges = new Set<string>();
    for (const p of people) {
      assert.ok(p.idNumber, `${p.name} has an ID`);
      const id = parseIdNumber(p.idNumber);
      assert.ok(id.ok, `${p.name} ${p.idNumber}: ${id.ok ? '' : id.reason}`);
      assert.equal(p.birthDate, id.info.birthDate, `${p.name}: birth date agrees with the ID`);
      assert.equal(p.sex, id.info.sex, `${p.name}: sex agrees with the ID`);
      assert.equal(checkPersonConsistency(p), null);
      assert.ok(p.unitName, `${p.name} is in a unit`);
      ids.add(p.idNumber);
      if (p.badge) badges.add(p.badge);
    }
    assert.equal(ids.size, 360, 'IDs are unique');
    assert.equal(badges.size, 360, 'badges are unique');
    assert.equal(backend.app.info().isEmpty, false);
    assert.notEqual(backend.app.info().officeName, '本单位');
  });

  it('is the same office every time (deterministic)', (t) => {
    const a = openTestBackend(t).backend;
    const b = openTestBackend(t).backend;
    a.demo.load();
    b.demo.load();
    const strip = (xs: { updatedAt?: string }[]) => xs.map(({ updatedAt: _u, ...rest }) => rest);
    assert.deepEqual(strip(a.roster.list()), strip(b.roster.list()));
  });

  it('loading it twice is refused, and the second attempt adds nothing', (t) => {
    const { backend } = openTestBackend(t);
    backend.demo.load();
    const audit = auditRows(backend).length;
    assert.throws(
      () => backend.demo.load(),
      (e: unknown) => e instanceof ApiError && e.code === 'CONFLICT' && /只能载入到空的数据文件/.test(e.message),
    );
    assert.equal(backend.roster.list().length, 360);
    assert.equal(auditRows(backend).length, audit);
  });

  it('is refused on a file that already has a single unit of its own', (t) => {
    const { backend } = openTestBackend(t);
    backend.units.create({ name: '本局', parentId: null, kind: 'leading' });
    assert.throws(() => backend.demo.load(), (e: unknown) => e instanceof ApiError && e.code === 'CONFLICT');
    assert.equal(backend.units.list().length, 1);
  });
});

describe('app service', () => {
  it('info names the open file, schema version and the actor', (t) => {
    const { backend, dbPath } = openTestBackend(t);
    const info = backend.app.info();
    assert.equal(info.dbPath, dbPath);
    assert.equal(info.schemaVersion, LATEST_SCHEMA_VERSION);
    assert.equal(info.actor, TEST_ACTOR);
    assert.equal(info.officeName, '本单位');
  });

  it('setting the office name is saved and audited old → new', (t) => {
    const { backend } = openTestBackend(t);
    backend.app.setOfficeName('资阳市公安局整顿办');
    assert.equal(backend.app.setOfficeName('资阳市公安局教育整顿办').officeName, '资阳市公安局教育整顿办');
    const lines = auditRows(backend).filter((r) => r.entity === 'settings');
    assert.deepEqual(
      lines.map((r) => [r.field, r.old_value, r.new_value]),
      [
        ['officeName', null, '资阳市公安局整顿办'],
        ['officeName', '资阳市公安局整顿办', '资阳市公安局教育整顿办'],
      ],
    );
  });
});
