/**
 * The workbench pages with 100,000 cases on the PostgreSQL server (issue 20: under 200 ms
 * server-side, under 150 KB): the real service with the fake WeCom, staff signed in through the
 * fake OAuth, and the 待办 page of a township caseworker, a case file, and the bureau's dashboard
 * over all townships, each fetched on loopback (so the time is the server's plus a local hop).
 * Runs in a fresh schema, dropped afterwards. DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test); BENCH_PAGE_CASES to change the size.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import pino from 'pino';
import { compose } from '../../src/app/compose';
import { startService } from '../../src/app/service';
import { villageTag } from '../../src/core/cases/case-villages';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { openPostgres } from '../../src/core/db/open-postgres';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';

const CASES = Number(process.env.BENCH_PAGE_CASES ?? 100_000);
const RUNS = 9;
const VILLAGES = Array.from({ length: 24 }, (_, n) => `前进${n + 1}村`);
const CREDENTIALS = {
  corpId: 'wwbench000000001',
  agentId: '1000002',
  secret: 'bench-secret-0123456789',
  token: 'BenchToken123',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

export async function benchWorkbenchPages(): Promise<string[]> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_pages_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: url, max: 1 });
  await admin.query(`create schema ${schema}`);
  const database = await openPostgres({ url, searchPath: schema, poolSize: 4 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
  const piiKey = randomBytes(32);
  const fake = new FakeWecomServer({ ...CREDENTIALS });
  try {
    await database.migrate();
    const composition = compose();
    const townships = composition.townships.map((t) => t.id);
    const started = performance.now();
    await seed(url, schema, new PiiCipher(piiKey), townships, composition.calendar.version);
    const seeded = (performance.now() - started) / 1000;
    const fakeUrl = await fake.listen(0);
    const service = await startService({
      port: 0,
      host: '127.0.0.1',
      database,
      wecom: CREDENTIALS,
      apiBase: fakeUrl,
      callbackTimestampWindowSeconds: 300,
      piiKey,
      dataDir,
      scheduler: false,
      composition,
      log: pino({ level: 'silent' }),
      now: composition.clock,
      workbench: { oauthBase: fakeUrl },
    });
    try {
      const caseworker = await signIn(service.url, 'bench-cw-0');
      const supervisor = await signIn(service.url, 'bench-supervisor');
      const todo = await timed(() => caseworker(`/workbench/todo`));
      const filtered = await timed(() => caseworker(`/workbench/todo?program=dibao&q=B00`));
      const village = await timed(() =>
        caseworker(`/workbench/todo?village=${encodeURIComponent(VILLAGES[0]!)}&page=2`),
      );
      const file = await timed(() => caseworker(`/workbench/cases/B0000000`));
      const dashboard = await timed(() => supervisor(`/workbench/dashboard`));
      const line = (name: string, r: Timed) =>
        `${name}: median ${r.median.toFixed(1)} ms, slowest ${r.max.toFixed(1)} ms of ${RUNS}, ${(r.bytes / 1024).toFixed(1)} KB, HTTP ${r.status} (goal < 200 ms, < 150 KB)`;
      return [
        `workbench pages — ${CASES.toLocaleString('en')} cases on ${townships.length} townships, PostgreSQL (${new URL(url).host}), seeded in ${seeded.toFixed(1)} s`,
        line(
          `待办 of one township (${Math.round(CASES / townships.length).toLocaleString('en')} open cases)`,
          todo,
        ),
        line('待办 filtered by program and searched', filtered),
        line('待办 filtered by village, second page', village),
        line('a case file', file),
        line('the bureau dashboard over all townships', dashboard),
      ];
    } finally {
      await service.close();
    }
  } finally {
    await fake.close().catch(() => {});
    await database.close().catch(() => {});
    await admin.query(
      `drop schema if exists ${schema} cascade; drop schema if exists ${schema}_drizzle cascade`,
    );
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Timed {
  median: number;
  max: number;
  bytes: number;
  status: number;
}

async function timed(get: () => Promise<Response>): Promise<Timed> {
  let response = await get();
  let bytes = (await response.arrayBuffer()).byteLength;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    response = await get();
    bytes = (await response.arrayBuffer()).byteLength;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(RUNS / 2)]!, max: times[RUNS - 1]!, bytes, status: response.status };
}

/** Signs in through the fake OAuth as the WeCom client would; answers a GET with the session. */
async function signIn(base: string, userId: string): Promise<(path: string) => Promise<Response>> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  const get = async (target: string) =>
    keep(
      await fetch(target.startsWith('http') ? target : `${base}${target}`, {
        redirect: 'manual',
        headers: { Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      }),
    );
  const login = await get('/workbench/login');
  const authorize = new URL(login.headers.get('location')!.replace(/#wechat_redirect$/, ''));
  authorize.searchParams.set('fake_userid', userId);
  const back = await fetch(authorize, { redirect: 'manual' });
  const done = await get(back.headers.get('location')!);
  if (done.status >= 400) throw new Error(`sign-in as ${userId} failed: HTTP ${done.status}`);
  return get;
}

/**
 * 100,000 cases spread over the townships in every step, one sealed identity and a few dozen
 * declarations reused (the pages open what they show), an open decision deadline each, and one
 * caseworker per township plus a bureau supervisor. Timers carry the running calendar's version
 * and cases their village tags, so the start-up checks have nothing to recompute.
 */
async function seed(
  url: string,
  schema: string,
  cipher: PiiCipher,
  townships: string[],
  calendarVersion: string,
): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  const idSealed = cipher.seal('220283198001010016');
  // Each declaration names one of a few dozen villages, stored apart as new cases store them.
  const declarations = VILLAGES.map((village) => ({
    sealed: cipher.seal(JSON.stringify({ village, incomeItems: [], circumstances: [] })),
    ...villageTag(cipher, { village }),
  }));
  const states = [
    'submitted',
    'accepted',
    'verified',
    'visited',
    'appraised',
    'reviewed_eligible',
    'in_publicity',
  ];
  try {
    await pool.query(
      `insert into cases (id, program, business_type, township_id, state, submitted_by, applicant_name,
         applicant_id_sealed, applicant_id_hash, application_sealed, village_hash, village_sealed,
         household_size, accepted_on, created_at, updated_at)
       select 'B' || lpad(i::text, 7, '0'), (array['dibao','tekun','linshi'])[1 + i % 3], 'new',
         ($2::text[])[1 + i % $3::int], ($4::text[])[1 + i % $5::int], 'self', '张' || (i % 500),
         $6, md5(i::text), ($7::text[])[1 + i % $10::int], ($8::text[])[1 + i % $10::int],
         ($9::text[])[1 + i % $10::int], 1 + i % 4, '2026-11-02', now(), now()
       from generate_series(0, $1::int - 1) i`,
      [
        CASES,
        townships,
        townships.length,
        states,
        states.length,
        idSealed,
        declarations.map((d) => d.sealed),
        declarations.map((d) => d.villageHash),
        declarations.map((d) => d.villageSealed),
        declarations.length,
      ],
    );
    await pool.query(
      `insert into due_timers (id, case_id, township_id, kind, due_on, warn_on, provisional, calendar_version, spec,
         status, updated_at)
       select 'decision.' || id, id, ($3::text[])[1 + i % $4::int], 'decision',
         to_char(date '2026-11-20' + (i % 40), 'YYYY-MM-DD'), '[]'::jsonb, false, $2, '{}'::jsonb, 'open', now()
       from (select 'B' || lpad(i::text, 7, '0') as id, i from generate_series(0, $1::int - 1) i) s`,
      [CASES, calendarVersion, townships, townships.length],
    );
    await pool.query(
      `insert into staff_members (user_id, name, role, township_id, active, created_at, updated_at)
       select 'bench-cw-' || n, '经办' || n, 'township_caseworker', ($1::text[])[1 + n], true, now(), now()
       from generate_series(0, array_length($1::text[], 1) - 1) n
       union all select 'bench-supervisor', '市局', 'bureau_supervisor', null, true, now(), now()`,
      [townships],
    );
    await pool.query('vacuum analyze cases, due_timers, staff_members');
  } finally {
    await pool.end();
  }
}
