import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cursorFile } from '../../src/sandbox/chat-cursor';
import { ChatFeed } from '../../src/sandbox/chat-feed';
import { formatSize, SentMediaSaver } from '../../src/sandbox/chat-media';
import { CORP, type Fixture, startFake, textTo } from './fake-wecom/fake-fixture';

let f: Fixture;
let dataDir: string;
beforeEach(async () => {
  f = await startFake();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-feed-'));
});
afterEach(() => f.fake.close());

/** A chat's feed whose output is collected instead of printed. */
function chat(user: string, url = f.url, media?: SentMediaSaver): { feed: ChatFeed; shown: string[] } {
  const shown: string[] = [];
  const feed = new ChatFeed({
    dataDir,
    user,
    fakeWecomUrl: url,
    show: (text) => shown.push(text),
    ...(media ? { media } : {}),
  });
  return { feed, shown };
}

describe('what npm run chat shows of the sent feed', () => {
  it('shows this user their own messages from the moment the chat started, then where it stopped', async () => {
    await f.post('/cgi-bin/message/send', textTo('resident-demo', 'before the chat'));
    const first = chat('resident-demo');
    await first.feed.poll();
    await f.post('/cgi-bin/message/send', textTo('resident-demo', '帮助的回复'));
    await f.post('/cgi-bin/message/send', textTo('caseworker-demo', 'not for the resident'));
    await first.feed.poll();
    expect(first.shown).toEqual(['帮助的回复']);

    // Closed, a message arrives, opened again: it is shown, once.
    await f.post('/cgi-bin/message/send', textTo('resident-demo', 'while closed'));
    const again = chat('resident-demo');
    await again.feed.poll();
    await again.feed.poll();
    expect(again.shown).toEqual(['while closed']);
  });

  it('still shows a reply when its cursor cannot be saved or read back', async () => {
    const resident = chat('resident-demo');
    await resident.feed.poll();
    // Another chat left a broken file, and the folder cannot take a new one (a file stands there).
    fs.rmSync(path.join(dataDir, 'chat-cursors'), { recursive: true, force: true });
    fs.writeFileSync(path.join(dataDir, 'chat-cursors'), '');
    await f.post('/cgi-bin/message/send', textTo('resident-demo', '帮助的回复'));
    await resident.feed.poll();
    expect(resident.shown).toEqual(['帮助的回复']);

    fs.rmSync(path.join(dataDir, 'chat-cursors'));
    fs.mkdirSync(path.join(dataDir, 'chat-cursors'));
    fs.writeFileSync(cursorFile(dataDir, 'resident-demo'), '{"fakeWecomUrl":');
    await f.post('/cgi-bin/message/send', textTo('resident-demo', 'the next one'));
    await resident.feed.poll();
    expect(resident.shown).toEqual(['帮助的回复', 'the next one']);
  });

  it('serves several chats of one user and of others at once, each seeing all of its own', async () => {
    const chats = [
      chat('resident-demo'),
      chat('resident-demo'),
      chat('caseworker-demo'),
      chat('member-demo'),
    ];
    await Promise.all(chats.map((c) => c.feed.poll()));
    const sends: Promise<unknown>[] = [];
    for (let n = 0; n < 10; n++) {
      sends.push(f.post('/cgi-bin/message/send', textTo('resident-demo|caseworker-demo', `m${n}`)));
      sends.push(Promise.all(chats.map((c) => c.feed.poll())));
    }
    await Promise.all(sends);
    await Promise.all(chats.map((c) => c.feed.poll()));
    const expected = Array.from({ length: 10 }, (_, n) => `m${n}`);
    expect([...chats[0]!.shown].sort()).toEqual(expected);
    expect([...chats[1]!.shown].sort()).toEqual(expected);
    expect([...chats[2]!.shown].sort()).toEqual(expected);
    expect(chats[3]!.shown).toEqual([]);
  });

  it('shows a card update to its user and starts over on a restarted feed', async () => {
    const caseworker = chat('cw');
    await caseworker.feed.poll();
    await f.post('/cgi-bin/message/send', {
      touser: 'cw',
      agentid: 1000002,
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 't-1',
        main_title: { title: '评审合议会' },
        button_list: [{ text: '参加', key: 'attend' }],
      },
    });
    await caseworker.feed.poll();
    expect(caseworker.shown).toEqual(['┌ 评审合议会\n│ [参加]  → /click attend t-1\n└']);
    const minted = (await fetch(`${f.url}/sandbox/response-code`, {
      method: 'POST',
      body: JSON.stringify({ task_id: 't-1' }),
    }).then((r) => r.json())) as { response_code: string };
    await f.post('/cgi-bin/message/update_template_card', {
      userids: ['cw'],
      agentid: 1000002,
      response_code: minted.response_code,
      button: { replace_name: '已确认参加' },
    });
    await caseworker.feed.poll();
    expect(caseworker.shown.at(-1)).toBe('[card t-1 updated: 已确认参加]');

    // A new sandbox on another address: the feed is read from its start.
    const fresh = await startFake();
    try {
      await fresh.post('/cgi-bin/message/send', textTo('cw', 'from the new sandbox'));
      caseworker.feed.moveTo(fresh.url);
      await caseworker.feed.poll();
      expect(caseworker.shown.at(-1)).toBe('from the new sandbox');
    } finally {
      await fresh.fake.close();
    }
  });

  it('saves a file or photo the product sends and names it in one line', async () => {
    const saveDir = path.join(dataDir, 'downloads');
    const saver = new SentMediaSaver({ credentials: CORP, fakeWecomUrl: () => f.url, dir: saveDir });
    const resident = chat('resident-demo', f.url, saver);
    await resident.feed.poll();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(62 * 1024, 0x20)]);
    const send = (msgtype: string, mediaId: string) =>
      f.post('/cgi-bin/message/send', {
        touser: 'resident-demo',
        agentid: Number(CORP.agentId),
        msgtype,
        [msgtype]: { media_id: mediaId },
      });
    const first = f.fake.addMedia({ type: 'file', filename: '申请书.pdf', data: pdf });
    const second = f.fake.addMedia({ type: 'file', filename: '申请书.pdf', data: pdf });
    const photo = f.fake.addMedia({ type: 'image', filename: 'id-front.jpg', data: Buffer.alloc(900, 1) });
    await send('file', first);
    await send('file', second);
    await send('image', photo);
    await resident.feed.poll();
    const a = path.join(saveDir, '申请书.pdf');
    const b = path.join(saveDir, '申请书-2.pdf');
    expect(resident.shown).toEqual([
      `[file] 申请书.pdf (62 KB) saved to ${a}`,
      `[file] 申请书.pdf (62 KB) saved to ${b}`,
      `[image] id-front.jpg (900 B) saved to ${path.join(saveDir, 'id-front.jpg')}`,
    ]);
    expect(fs.readFileSync(a)).toEqual(pdf);
    expect(fs.readFileSync(b)).toEqual(pdf);

    // Sent, but expired (3 days on WeCom's clock) before the chat read it: said so, the feed goes on.
    const late = f.fake.addMedia({ type: 'file', filename: 'x.pdf', data: pdf });
    await send('file', late);
    await f.post('/cgi-bin/message/send', textTo('resident-demo', 'after'));
    f.clock.advance(3 * 86_400);
    await resident.feed.poll();
    expect(resident.shown.slice(3)).toEqual([
      `[file] media ${late} could not be fetched: errcode 40007 invalid media_id: ${late}`,
      'after',
    ]);
  });

  it.each([
    [812, '812 B'],
    [1024, '1 KB'],
    [63_500, '62 KB'],
    [3_565_158, '3.4 MB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
