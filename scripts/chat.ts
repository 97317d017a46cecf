/**
 * `npm run chat -- --as resident|caseworker|village|member|supervisor [--user ID] [--data-dir DIR] [--url URL]`
 * Talks to the running sandbox as WeCom would: each line typed is sent as a signed, encrypted
 * text callback; `/click KEY TASK_ID` presses a template-card button; `/quit` leaves. Messages
 * the product sends through the fake WeCom API to this user are printed as they go out.
 */
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { eventXml, sealCallback, textMessageXml } from '../src/sandbox/callback-driver';
import { displaySentMessage } from '../src/sandbox/chat-display';
import { loadOrCreateSandboxCredentials, sandboxCredentialsPath } from '../src/sandbox/sandbox-credentials';
import { readSandboxRuntime } from '../src/sandbox/sandbox-runtime';

const ROLES = {
  resident: 'resident-demo',
  caseworker: 'caseworker-demo',
  village: 'village-demo',
  member: 'member-demo',
  supervisor: 'supervisor-demo',
};

const USAGE = `usage: npm run chat -- [--as ROLE] [--user ID] [--data-dir DIR] [--url URL]
  --as        resident (default), caseworker, village, member or supervisor: a demo user of that role
  --user      talk as this WeCom user id instead (e.g. a staff member added with npm run admin)
  --data-dir  the sandbox's DATA_DIR (default: $DATA_DIR or ./data), where npm start left its address
  --url       the service's address, when it is not the one the sandbox recorded
In the chat: type a message and press Enter; /click KEY TASK_ID presses a card button; /quit leaves.
The sandbox must be running first: npm start`;

const { values } = parseArgs({
  options: {
    as: { type: 'string', default: 'resident' },
    user: { type: 'string' },
    'data-dir': { type: 'string' },
    url: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const role = values.as as keyof typeof ROLES;
if (!(role in ROLES)) {
  process.stderr.write(`--as must be one of ${Object.keys(ROLES).join(', ')}\n`);
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
const runtime = readSandboxRuntime(dataDir);
if (!runtime) {
  process.stderr.write(`No running sandbox found in ${dataDir}. Start it first: npm start\n`);
  process.exit(1);
}
if (values.url) runtime.serviceUrl = values.url.replace(/\/+$/, '');
const credentials = loadOrCreateSandboxCredentials(dataDir);
const user = values.user ?? ROLES[role];

const sentFeed = z.object({
  next: z.number(),
  sent: z.array(z.object({ body: z.looseObject({ touser: z.string().optional() }) })),
  nextUpdate: z.number().default(0),
  updates: z
    .array(z.object({ taskId: z.string(), userids: z.array(z.string()), replaceName: z.string().nullable() }))
    .default([]),
});

let seq = 0;
async function deliver(xml: string): Promise<void> {
  const callback = sealCallback(credentials, xml);
  try {
    const res = await fetch(`${runtime!.serviceUrl}${callback.path}`, {
      method: 'POST',
      body: callback.body,
    });
    if (res.status !== 200)
      process.stdout.write(`  [delivery refused: HTTP ${res.status} ${await res.text()}]\n`);
  } catch {
    process.stdout.write(
      `  [the service at ${runtime!.serviceUrl} is not answering; is npm start running?]\n`,
    );
  }
}

let cursor: number | undefined;
let updateCursor: number | undefined;
let polling = false;
/** Shows what the product sent to this user since the chat started (earlier history is skipped). */
async function pollReplies(): Promise<void> {
  if (polling) return;
  polling = true;
  try {
    const res = await fetch(
      `${runtime!.fakeWecomUrl}/sandbox/sent?after=${cursor ?? 0}&updatesAfter=${updateCursor ?? 0}`,
    );
    const feed = sentFeed.parse(await res.json());
    const fresh = cursor === undefined ? [] : feed.sent;
    const updates = updateCursor === undefined ? [] : feed.updates;
    cursor = feed.next;
    updateCursor = feed.nextUpdate;
    for (const update of updates) {
      if (update.userids.includes(user))
        process.stdout.write(`\n  [card ${update.taskId} updated: ${update.replaceName ?? 'replaced'}]\n> `);
    }
    for (const { body } of fresh) {
      if (body.touser?.split('|').includes(user)) process.stdout.write(`\n${displaySentMessage(body)}\n> `);
    }
  } catch {
    // The sandbox may be restarting; try again on the next tick.
  } finally {
    polling = false;
  }
}

/** A real click carries a one-shot response code for the card; the fake mints one per click. */
async function pressButton(key: string, taskId: string): Promise<void> {
  const minted = z.object({ response_code: z.string().optional(), errmsg: z.string().optional() }).parse(
    await fetch(`${runtime!.fakeWecomUrl}/sandbox/response-code`, {
      method: 'POST',
      body: JSON.stringify({ task_id: taskId }),
    }).then((r) => r.json()),
  );
  if (!minted.response_code) {
    process.stdout.write(`  [no card was sent with task_id ${taskId}: ${minted.errmsg ?? ''}]\n`);
    return;
  }
  const extra = {
    EventKey: key,
    TaskId: taskId,
    CardType: 'button_interaction',
    ResponseCode: minted.response_code,
  };
  await deliver(eventXml(credentials, { fromUser: user, event: 'template_card_event', extra }));
}

async function main(): Promise<void> {
  process.stdout.write(
    `Chatting as ${role} (user id ${user}) with ${runtime!.serviceUrl}\n` +
      `Secrets: ${sandboxCredentialsPath(dataDir)}. Type a message; /click KEY TASK_ID presses a card button; /quit leaves.\n`,
  );
  await pollReplies();
  const timer = setInterval(pollReplies, 300);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit') break;
    const click = /^\/click\s+(\S+)\s+(\S+)$/.exec(text);
    if (text.startsWith('/click') && !click) {
      process.stdout.write('  usage: /click KEY TASK_ID (both are shown under each card button)\n');
    } else if (click) {
      await pressButton(click[1]!, click[2]!);
    } else if (text !== '') {
      await deliver(
        textMessageXml(credentials, { fromUser: user, content: text, msgId: `chat-${Date.now()}-${seq++}` }),
      );
    }
    rl.prompt();
  }
  clearInterval(timer);
  rl.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`chat failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
