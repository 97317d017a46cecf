import { z } from 'zod';
import { saveCursor, savedCursor } from './chat-cursor';
import { displaySentMessage } from './chat-display';
import { type SentMediaSaver, sentMedia } from './chat-media';

const sentFeed = z.object({
  next: z.number().int().nonnegative(),
  sent: z.array(z.object({ body: z.looseObject({ touser: z.string().optional() }) })),
  nextUpdate: z.number().int().nonnegative().default(0),
  updates: z
    .array(z.object({ taskId: z.string(), userids: z.array(z.string()), replaceName: z.string().nullable() }))
    .default([]),
});

export interface ChatFeedOptions {
  dataDir: string;
  user: string;
  fakeWecomUrl: string;
  /** Prints one message or notice (the terminal adds the blank line and the prompt). */
  show: (text: string) => void;
  /** Fetches and saves the photos and files sent; without it they are shown as their JSON. */
  media?: SentMediaSaver;
}

/**
 * What the product sent to one user, read from the fake WeCom's sent feed (`GET /sandbox/sent`)
 * for `npm run chat`. A message is shown before the cursor moves past it, and the cursor is
 * persisted only after that: a failure on the way (the sandbox restarting, a full disk) shows a
 * message again at worst, never skips it.
 */
export class ChatFeed {
  private fakeWecomUrl: string;
  /** Index in the feed up to which this user has seen; undefined: not read yet (skip history). */
  private cursor: number | undefined;
  private updateCursor: number | undefined;
  private busy = false;

  constructor(private readonly options: ChatFeedOptions) {
    this.fakeWecomUrl = options.fakeWecomUrl;
    this.cursor = savedCursor(options.dataDir, options.user, options.fakeWecomUrl);
  }

  /** The sandbox restarted and its fake listens elsewhere: read that feed from this user's cursor. */
  moveTo(fakeWecomUrl: string): void {
    if (fakeWecomUrl === this.fakeWecomUrl) return;
    this.fakeWecomUrl = fakeWecomUrl;
    this.cursor = savedCursor(this.options.dataDir, this.options.user, fakeWecomUrl) ?? 0;
    this.updateCursor = 0;
  }

  /**
   * Shows what arrived since the last poll. Rejects when the fake cannot be read (the caller looks
   * for a restarted sandbox); one poll at a time, a call during another returns at once.
   */
  async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.readOnce();
    } finally {
      this.busy = false;
    }
  }

  private async readOnce(): Promise<void> {
    const { user, show } = this.options;
    const res = await fetch(
      `${this.fakeWecomUrl}/sandbox/sent?after=${this.cursor ?? 0}&updatesAfter=${this.updateCursor ?? 0}`,
    );
    const feed = sentFeed.parse(await res.json());
    // A feed shorter than where we stopped: the sandbox restarted on the same address; start over.
    if (this.cursor !== undefined && feed.next < this.cursor) {
      this.cursor = 0;
      return;
    }
    if (this.updateCursor !== undefined) {
      for (const update of feed.updates) {
        if (update.userids.includes(user))
          show(`[card ${update.taskId} updated: ${update.replaceName ?? 'replaced'}]`);
      }
    }
    this.updateCursor = feed.nextUpdate;
    if (this.cursor !== undefined) {
      for (const { body } of feed.sent) {
        if (body.touser?.split('|').includes(user)) show(await this.render(body));
      }
    }
    this.cursor = feed.next;
    try {
      saveCursor(this.options.dataDir, user, this.fakeWecomUrl, feed.next);
    } catch {
      // Only what a later chat would replay depends on it; this one already showed the messages.
    }
  }

  /** A photo or file as a line naming where it was saved; anything else as chat-display shows it. */
  private async render(body: unknown): Promise<string> {
    const media = sentMedia(body);
    if (media && this.options.media) return this.options.media.describe(media.kind, media.mediaId);
    return displaySentMessage(body);
  }
}
