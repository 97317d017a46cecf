/**
 * `npm run chat -- --as resident|caseworker|village|member1…member5|supervisor [--user ID] [--data-dir DIR] [--url URL]`
 * Talks to the running sandbox as WeCom would: each line typed is sent as a signed, encrypted
 * text callback (several lines as one with a trailing `\` or `/multi` … `/end`); `/click KEY
 * TASK_ID` presses a template-card button; `/quit` leaves. Messages
 * the product sends through the fake WeCom API to this user are printed as they go out.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { eventXml, mediaMessageXml, textMessageXml } from '../src/sandbox/callback-driver';
import { parseAdvance, uploadToSandbox } from '../src/sandbox/chat-client';
import { ChatDelivery } from '../src/sandbox/chat-delivery';
import { ChatFeed } from '../src/sandbox/chat-feed';
import { ChatInput } from '../src/sandbox/chat-input';
import { SentMediaSaver } from '../src/sandbox/chat-media';
import { loadOrCreateSandboxCredentials, sandboxCredentialsPath } from '../src/sandbox/sandbox-credentials';
import { readSandboxRuntime } from '../src/sandbox/sandbox-runtime';
import { SANDBOX_CHAT_ROLES, SANDBOX_STAFF } from '../src/sandbox/sandbox-staff';

const ROLE_WORDS: Record<string, string> = {
  township_caseworker: 'township caseworker',
  coordination_member: 'coordination-group member',
  village_committee: 'village committee',
  bureau_supervisor: 'bureau supervisor',
};

/** One line per demo user: the `--as` names that pick them, who they are and where. */
function roleLines(): string {
  const names = new Map<string, string[]>();
  for (const [role, userId] of Object.entries(SANDBOX_CHAT_ROLES))
    names.set(userId, [...(names.get(userId) ?? []), role]);
  return [...names]
    .map(([userId, roles]) => {
      const staff = SANDBOX_STAFF.find((s) => s.userId === userId);
      const where = staff?.townshipId ? ` of ${staff.townshipId}` : '';
      const who = staff
        ? `${staff.name}, ${ROLE_WORDS[staff.role] ?? staff.role}${where}${staff.position ? ` (${staff.position})` : ''}`
        : 'a resident (anyone not registered as staff)';
      return `                ${roles.join(', ').padEnd(16)} ${who}`;
    })
    .join('\n');
}

const USAGE = `usage: npm run chat -- [--as ROLE] [--user ID] [--data-dir DIR] [--url URL]
  --as        a demo user of 平安镇 or the bureau (default: resident). A review meeting needs 5
              participants: the caseworker who convenes it, and members who confirm on their
              invitation cards (one terminal each):
${roleLines()}
  --user      talk as this WeCom user id instead (e.g. a staff member added with npm run admin)
  --data-dir  the sandbox's DATA_DIR (default: $DATA_DIR or ./data), where npm start left its address
  --url       the service's address, when it is not the one the sandbox recorded
In the chat: type a message and press Enter. Commands:
  /multi … /end        one message of several lines (the bot asks for some lists one item per
                       line): /multi, the lines, then /end; /cancel drops them. Or end each line
                       but the last with \\ to go on typing the same message
  /click KEY TASK_ID   press a card button (both are shown under each card)
  /photo PATH          send a photo (.jpg, .png) as this user; /file PATH sends a file (e.g. a .pdf)
  /clock               the sandbox's date and time; /clock +2d (or +3h, +30m) moves it forward,
                       e.g. past the end of a 公示; jobs that come due run at once
  /quit                leave; messages sent to this user meanwhile are shown next time
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
const role = values.as;
const roleUser = Object.hasOwn(SANDBOX_CHAT_ROLES, role) ? SANDBOX_CHAT_ROLES[role] : undefined;
if (roleUser === undefined) {
  process.stderr.write(`--as must be one of ${Object.keys(SANDBOX_CHAT_ROLES).join(', ')}\n`);
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
let runtime = readSandboxRuntime(dataDir);
if (!runtime) {
  process.stderr.write(`No running sandbox found in ${dataDir}. Start it first: npm start\n`);
  process.exit(1);
}
if (values.url) runtime.serviceUrl = values.url.replace(/\/+$/, '');
const credentials = loadOrCreateSandboxCredentials(dataDir);
const user = values.user ?? roleUser;

const delivery = new ChatDelivery({
  credentials,
  serviceUrl: () => runtime!.serviceUrl,
  fakeWecomUrl: () => runtime!.fakeWecomUrl,
});

/** After a restart of npm start the fake WeCom listens elsewhere: read where, again. */
function refreshRuntime(): void {
  const fresh = readSandboxRuntime(dataDir);
  if (fresh && fresh.fakeWecomUrl !== runtime!.fakeWecomUrl) {
    runtime = { ...fresh, serviceUrl: values.url ? values.url.replace(/\/+$/, '') : fresh.serviceUrl };
    feed.moveTo(runtime.fakeWecomUrl);
  }
}

/** Sends what `build` writes for the sandbox's current time, and says why when it was not taken. */
async function deliver(build: (unixSeconds: number) => string): Promise<void> {
  const outcome = await delivery.send(build);
  if (outcome.kind === 'refused')
    process.stdout.write(`  [delivery refused: HTTP ${outcome.status} ${outcome.reason}]\n`);
  if (outcome.kind === 'unreachable') {
    refreshRuntime();
    process.stdout.write(
      `  [the service at ${runtime!.serviceUrl} is not answering; is npm start running? Send again once it is.]\n`,
    );
  }
}

/** `> `, or `… ` while a message of several lines is being typed. */
let prompt = '> ';
const feed = new ChatFeed({
  dataDir,
  user,
  fakeWecomUrl: runtime.fakeWecomUrl,
  show: (text) => process.stdout.write(`\n${text}\n${prompt}`),
  media: new SentMediaSaver({ credentials, fakeWecomUrl: () => runtime!.fakeWecomUrl }),
});
/** Shows what the product sent to this user since the chat started (earlier history is skipped). */
async function pollReplies(): Promise<void> {
  try {
    await feed.poll();
  } catch {
    // The sandbox may be restarting: look for it again and try on the next tick.
    refreshRuntime();
  }
}

/** A text message as this user (several lines are one message, as WeCom allows). */
async function sendText(content: string): Promise<void> {
  const msgId = delivery.newMsgId();
  await deliver((createTime) => textMessageXml(credentials, { fromUser: user, content, msgId, createTime }));
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
  await deliver((createTime) =>
    eventXml(credentials, { fromUser: user, event: 'template_card_event', extra, createTime }),
  );
}

/** A photo or file from disk, uploaded to the fake WeCom and sent as this user's message. */
async function sendMedia(file: string): Promise<void> {
  const full = path.resolve(file);
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) {
    process.stdout.write(`  [no file at ${full}]\n`);
    return;
  }
  try {
    const { mediaId, kind } = await uploadToSandbox(runtime!.fakeWecomUrl, credentials, full);
    const msgId = delivery.newMsgId();
    await deliver((createTime) =>
      mediaMessageXml(credentials, { fromUser: user, msgType: kind, mediaId, msgId, createTime }),
    );
  } catch (error) {
    process.stdout.write(
      `  [could not send ${full}: ${error instanceof Error ? error.message : String(error)}]\n`,
    );
  }
}

const shanghai = (at: Date) =>
  at.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    dateStyle: 'medium',
    timeStyle: 'short',
  });

async function main(): Promise<void> {
  process.stdout.write(
    `Chatting as ${role} (user id ${user}) with ${runtime!.serviceUrl}\n` +
      `Secrets: ${sandboxCredentialsPath(dataDir)}. Type a message (several lines: end a line with \\ or use /multi … /end); /photo PATH, /file PATH, /clock [+2d], /click KEY TASK_ID; /quit leaves.\n`,
  );
  const now = await delivery.syncClock();
  if (now && Math.abs(delivery.offsetMs()) > 60_000)
    process.stdout.write(`  [sandbox time: ${shanghai(now)} (moved forward with /clock)]\n`);
  await pollReplies();
  const timer = setInterval(pollReplies, 300);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt });
  const input = new ChatInput();
  rl.prompt();
  for await (const line of rl) {
    const step = input.push(line);
    prompt = input.gathering ? '… ' : '> ';
    rl.setPrompt(prompt);
    if (step.kind !== 'line') {
      if (step.kind === 'more' && step.started && step.block)
        process.stdout.write('  [one message of several lines: type them, then /end; /cancel drops it]\n');
      if (step.kind === 'dropped') process.stdout.write('  [nothing sent]\n');
      if (step.kind === 'message') await sendText(step.text);
      rl.prompt();
      continue;
    }
    const text = step.text;
    if (text === '/quit') break;
    const click = /^\/click\s+(\S+)\s+(\S+)$/.exec(text);
    const clock = /^\/clock(?:\s+(\S+))?$/.exec(text);
    const media = /^\/(photo|file)\s+(.+)$/.exec(text);
    if (clock) {
      const advance = clock[1] === undefined ? undefined : parseAdvance(clock[1]);
      if (clock[1] !== undefined && advance === undefined)
        process.stdout.write(
          '  usage: /clock (show) or /clock +2d | +3h | +30m (move forward; never back)\n',
        );
      else {
        const at = await delivery.syncClock(advance);
        process.stdout.write(
          at ? `  [sandbox time: ${shanghai(at)}]\n` : '  [the sandbox is not answering]\n',
        );
      }
    } else if (media) {
      await sendMedia(media[2]!.trim());
    } else if (text.startsWith('/click') && !click) {
      process.stdout.write('  usage: /click KEY TASK_ID (both are shown under each card button)\n');
    } else if (click) {
      await pressButton(click[1]!, click[2]!);
    } else if (text !== '') {
      await sendText(text);
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
