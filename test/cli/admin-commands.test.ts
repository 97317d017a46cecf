import { runAdmin } from '../../src/app/cli/admin-commands';
import { loadTownships } from '../../src/core/config/load-townships';
import { findStaff } from '../../src/core/staff/staff-directory';
import { openTestDatabase } from '../support/test-database';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const townships = loadTownships();

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, {
    db: database.db,
    townships,
    now: new Date('2026-11-27T01:00:00Z'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run admin', () => {
  it('adds a caseworker of a township, lists and deactivates them', async () => {
    expect(
      await admin(
        'staff',
        'add',
        '--user',
        'WangLi',
        '--name',
        '王丽',
        '--role',
        'township_caseworker',
        '--township',
        'pingan',
      ),
    ).toMatchObject({ code: 0, out: 'WangLi added as township_caseworker of pingan' });
    expect((await findStaff(database.db, 'WangLi'))?.townshipId).toBe('pingan');
    expect((await admin('staff', 'list')).out).toContain('WangLi\t王丽\ttownship_caseworker\tpingan');
    expect((await admin('staff', 'remove', '--user', 'WangLi')).code).toBe(0);
    expect(await findStaff(database.db, 'WangLi')).toBeUndefined();
  });

  it('refuses with a reason: unknown role, unknown township, a township role without township, a bureau role with one', async () => {
    expect(await admin('staff', 'add', '--user', 'x', '--name', 'x', '--role', 'mayor')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--role must be one of'),
    });
    expect(
      await admin(
        'staff',
        'add',
        '--user',
        'x',
        '--name',
        'x',
        '--role',
        'township_caseworker',
        '--township',
        'atlantis',
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('unknown township atlantis') });
    expect(
      await admin('staff', 'add', '--user', 'x', '--name', 'x', '--role', 'village_committee'),
    ).toMatchObject({ code: 2, err: expect.stringContaining('give --township') });
    expect(
      await admin(
        'staff',
        'add',
        '--user',
        'x',
        '--name',
        'x',
        '--role',
        'bureau_supervisor',
        '--township',
        'fate',
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('leave out --township') });
    expect(await findStaff(database.db, 'x')).toBeUndefined();
    expect((await admin('staff', 'add', '--bogus')).code).toBe(2);
  });

  it('lists the configured townships', async () => {
    expect((await admin('townships')).out).toContain('pingan\t平安镇\ttown');
  });
});
