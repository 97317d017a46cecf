import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cursorFile } from '../../src/sandbox/chat-cursor';
import { ChatFeed } from '../../src/sandbox/chat-feed';
import { type Fixture, startFake, textTo } from './fake-wecom/fake-fixture';

let f: Fixture;
let dataDir: string;
beforeEach(async () => {
  f = await startFake();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-feed-'));
});
afterEach(() => f.fake.close());

/** A chat's feed whose output is collected instead of printed. */
function chat(user: string, url = f.url): { feed: ChatFeed; shown: string[] } {
  const shown: string[] = [];
  const feed = new ChatFeed({ dataDir, user, fakeWecomUrl: url, show: (text) => shown.push(text) });
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
});
