import { systemClock } from '../../core/clock/clock';
import { CardRegistry } from './card-registry';
import { ChatStore } from './chat-store';
import type { FakeApp, FakeWecomOptions, RecordedCall, RecordedCardUpdate, RecordedSend } from './fake-types';
import { KfQueue } from './kf-queue';
import { KfReplyWindow } from './kf-reply-window';
import { MediaStore } from './media-store';
import { MemberRateLimiter } from './member-rate-limiter';
import { TokenRegistry } from './token-registry';

/**
 * Everything the fake corp knows and remembers, shared by the endpoint handlers and the
 * public helpers of `FakeWecomServer`: apps, directory, stores and the assertion logs.
 */
export class FakeState {
  readonly now: () => Date;
  readonly clockControl: FakeWecomOptions['clockControl'];
  readonly corpId: string;
  readonly apps: FakeApp[];
  members: Set<string> | undefined;
  kfAccounts: Set<string> | undefined;

  readonly sent: RecordedSend[] = [];
  readonly cardUpdates: RecordedCardUpdate[] = [];
  readonly calls: RecordedCall[] = [];

  readonly tokens: TokenRegistry;
  readonly cards: CardRegistry;
  readonly media: MediaStore;
  readonly chats: ChatStore;
  readonly kfQueue: KfQueue;
  readonly kfWindow: KfReplyWindow;
  readonly limiter: MemberRateLimiter;

  constructor(options: FakeWecomOptions) {
    // The fake stands for WeCom's servers: real time unless the test or sandbox shares its clock.
    this.now = options.now ?? systemClock;
    this.clockControl = options.clockControl;
    this.corpId = options.corpId;
    this.apps = [{ secret: options.secret, agentId: options.agentId }, ...(options.extraApps ?? [])];
    this.setMembers(options.members);
    this.kfAccounts = options.kfAccounts ? new Set(options.kfAccounts) : undefined;
    this.tokens = new TokenRegistry(
      options.corpId,
      this.apps,
      options.tokenLifetimeSeconds ?? 7200,
      options.expiredTokenErrcode ?? 42001,
      this.now,
    );
    this.cards = new CardRegistry(this.now, options.responseCodeLifetimeSeconds ?? 24 * 3600);
    this.media = new MediaStore(this.now);
    this.chats = new ChatStore((userId) => this.isMember(userId));
    this.kfQueue = new KfQueue(this.now);
    this.kfWindow = new KfReplyWindow(this.now);
    this.limiter = new MemberRateLimiter(options.memberRateLimit ?? { perMinute: 30, perHour: 1000 });
  }

  get primaryApp(): FakeApp {
    return this.apps[0]!;
  }

  /** Member ids are case-insensitive in WeCom; undefined makes every id a member. */
  setMembers(ids: readonly string[] | undefined): void {
    this.members = ids ? new Set(ids.map((id) => id.toLowerCase())) : undefined;
  }

  isMember(userId: string): boolean {
    return !this.members || this.members.has(userId.toLowerCase());
  }

  knowsKfAccount(openKfid: string | undefined): openKfid is string {
    return openKfid !== undefined && openKfid !== '' && (!this.kfAccounts || this.kfAccounts.has(openKfid));
  }
}
