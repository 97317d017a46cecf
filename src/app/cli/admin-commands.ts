import { parseArgs } from 'node:util';
import type { Township } from '../../core/config/load-townships';
import type { Db } from '../../core/db/database';
import { resealPii } from '../../core/privacy/pii-reseal';
import {
  deactivateStaff,
  listStaff,
  STAFF_ROLES,
  type StaffRole,
  saveStaff,
  TOWNSHIP_ROLES,
} from '../../core/staff/staff-directory';
import {
  BUREAU_COMMANDS,
  BUREAU_USAGE,
  type BureauCliDeps,
  runBureauCommand,
} from '../../features/bureau/bureau-cli';
import { DOCUMENT_USAGE, runDocumentCommand } from './document-commands';
import { runOutboxCommand } from './outbox-commands';

export const ADMIN_USAGE = `usage:
  npm run admin -- staff add --user USERID --name NAME --role ROLE [--township ID] [--position TEXT]
  npm run admin -- staff remove --user USERID
  npm run admin -- staff list
  npm run admin -- townships
  npm run admin -- pii-reseal   (after a key rotation: seal everything again under PII_ENCRYPTION_KEY)
  npm run admin -- outbox list [pending|sent|dead|held] | show ID | retry ID [ID...]   (as npm run outbox)
${BUREAU_USAGE}
${DOCUMENT_USAGE}
roles: ${STAFF_ROLES.join(', ')} (${TOWNSHIP_ROLES.join(', ')} need --township)`;

export interface AdminIo {
  db: Db;
  townships: readonly Township[];
  now: Date;
  out(line: string): void;
  err(line: string): void;
  /** For the bureau's commands (warnings, spot checks, archive checklist, monthly report). */
  bureau?: BureauCliDeps;
}

/**
 * The admin's commands: who is staff, with which role and township, and the bureau's commands
 * (`src/features/bureau/bureau-cli.ts`). Answers the exit code
 * (0 done, 2 a usage or input problem, explained on stderr).
 */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [group, command, ...rest] = argv;
  if ((BUREAU_COMMANDS as readonly (string | undefined)[]).includes(group)) {
    return runBureauCommand(argv, io);
  }
  if (group === 'documents' || group === 'archive' || group === 'bundle') return runDocumentCommand(argv, io);
  if (group === 'outbox') return runOutboxCommand(argv.slice(1), io);
  if (group === 'pii-reseal') {
    const cipher = io.bureau?.cipher;
    if (!cipher) {
      io.err('pii-reseal needs PII_ENCRYPTION_KEY (and the old key in PII_PREVIOUS_KEYS)');
      return 2;
    }
    const counts = await resealPii(io.db, cipher);
    io.out(
      `sealed again under key ${cipher.currentKeyId}: ${counts.cases} cases, ${counts.members} household members, ${counts.payloads} stored messages; unreadable (no key in the ring opens them): ${counts.unreadable}`,
    );
    return counts.unreadable > 0 ? 1 : 0;
  }
  if (group === 'townships') {
    for (const t of io.townships) io.out(`${t.id}\t${t.name}\t${t.kind}`);
    return 0;
  }
  if (group !== 'staff') return usage(io);
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        user: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        township: { type: 'string' },
        position: { type: 'string' },
      },
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    io.err((error as Error).message);
    return usage(io);
  }
  if (command === 'list') {
    for (const m of await listStaff(io.db)) {
      io.out(
        [
          m.userId,
          m.name,
          m.role,
          m.townshipId ?? '-',
          m.position ?? '-',
          m.active ? 'active' : 'inactive',
        ].join('\t'),
      );
    }
    return 0;
  }
  if (!values.user) {
    io.err('--user is required (the WeCom userid, as in the corporate directory)');
    return 2;
  }
  if (command === 'remove') {
    if (await deactivateStaff(io.db, values.user, io.now)) {
      io.out(`${values.user} deactivated (kept for the audit trail; served as a resident from now on)`);
      return 0;
    }
    io.err(`no staff member ${values.user}`);
    return 2;
  }
  if (command !== 'add') return usage(io);
  if (!values.name) {
    io.err('--name is required');
    return 2;
  }
  if (!values.role || !(STAFF_ROLES as readonly string[]).includes(values.role)) {
    io.err(`--role must be one of: ${STAFF_ROLES.join(', ')}`);
    return 2;
  }
  if (values.township && !io.townships.some((t) => t.id === values.township)) {
    io.err(`unknown township ${values.township}; see npm run admin -- townships`);
    return 2;
  }
  const saved = await saveStaff(
    io.db,
    {
      userId: values.user,
      name: values.name,
      role: values.role as StaffRole,
      townshipId: values.township,
      position: values.position,
    },
    io.now,
  );
  if (!saved.ok) {
    io.err(
      saved.problem === 'township_required'
        ? `role ${values.role} acts for one township: give --township`
        : `role ${values.role} is not tied to a township: leave out --township`,
    );
    return 2;
  }
  io.out(
    `${values.user} ${saved.created ? 'added' : 'updated'} as ${values.role}${values.township ? ` of ${values.township}` : ''}`,
  );
  return 0;
}

function usage(io: AdminIo): number {
  io.err(ADMIN_USAGE);
  return 2;
}
