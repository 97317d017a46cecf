import type { FakeState } from './fake-state';
import type { RecordedSend } from './fake-types';
import { kfEventMessage, residentTextMessage } from './kf-message-builders';
import type { KfMessage } from './kf-queue';

/** welcome_code validity (docs/wecom.md §3.6). */
export const WELCOME_CODE_SECONDS = 20;

/**
 * The test's side of 微信客服: make residents speak and enter sessions, hand out callback
 * Tokens and event codes, and read what the product sent back.
 */
export class FakeKfConsole {
  constructor(private readonly state: FakeState) {}

  /** A resident's text, queued for sync_msg; it opens a fresh 48 h / 5-message reply window. */
  enqueueMessage(fields: {
    openKfid: string;
    externalUserId: string;
    content: string;
    msgid?: string;
    sendTime?: Date;
    menuId?: string;
  }): KfMessage {
    const sendTime = fields.sendTime ?? this.state.now();
    const message = residentTextMessage({ ...fields, sendTime });
    this.state.kfQueue.append(fields.openKfid, message);
    this.state.kfWindow.residentSpoke(fields.openKfid, fields.externalUserId, sendTime.getTime());
    return message;
  }

  /** A photo, voice, video or file from a resident (origin 3); its media id serves media/get. */
  enqueueMedia(fields: {
    openKfid: string;
    externalUserId: string;
    msgtype: 'image' | 'voice' | 'video' | 'file';
    mediaId: string;
    msgid?: string;
  }): KfMessage {
    const sendTime = this.state.now();
    const message = {
      msgid: fields.msgid ?? `kfmedia${sendTime.getTime()}${Math.random().toString(36).slice(2, 8)}`,
      open_kfid: fields.openKfid,
      external_userid: fields.externalUserId,
      send_time: Math.floor(sendTime.getTime() / 1000),
      origin: 3,
      msgtype: fields.msgtype,
      [fields.msgtype]: { media_id: fields.mediaId },
    } as KfMessage;
    this.state.kfQueue.append(fields.openKfid, message);
    this.state.kfWindow.residentSpoke(fields.openKfid, fields.externalUserId, sendTime.getTime());
    return message;
  }

  /**
   * An enter_session event; with `welcome` (default) it carries a welcome_code valid 20 s for
   * kf/send_msg_on_event.
   */
  enqueueEnterSession(fields: {
    openKfid: string;
    externalUserId: string;
    scene?: string;
    sceneParam?: string;
    welcome?: boolean;
  }): { message: KfMessage; welcomeCode?: string } {
    const welcomeCode =
      fields.welcome === false
        ? undefined
        : this.issueEventCode(fields.openKfid, fields.externalUserId, WELCOME_CODE_SECONDS);
    const message = kfEventMessage(
      {
        event_type: 'enter_session',
        open_kfid: fields.openKfid,
        external_userid: fields.externalUserId,
        scene: fields.scene ?? '',
        scene_param: fields.sceneParam ?? '',
        ...(welcomeCode === undefined ? {} : { welcome_code: welcomeCode }),
      },
      this.state.now(),
    );
    this.state.kfQueue.append(fields.openKfid, message);
    return { message, welcomeCode };
  }

  /** Any other system event (msg_send_fail, session_status_change, ...), queued as origin 4. */
  enqueueEvent(openKfid: string, event: { event_type: string } & Record<string, unknown>): KfMessage {
    return this.state.kfQueue.append(
      openKfid,
      kfEventMessage({ open_kfid: openKfid, ...event }, this.state.now()),
    );
  }

  /** The Token a kf_msg_or_event callback carries (valid 10 minutes). */
  issueSyncToken(openKfid: string): string {
    return this.state.kfQueue.issueToken(openKfid);
  }

  /** A single-use send_msg_on_event code (welcome: 20 s; queue/ending notices: 48 h). */
  issueEventCode(openKfid: string, externalUserId: string, ttlSeconds = WELCOME_CODE_SECONDS): string {
    return this.state.kfWindow.issueEventCode(openKfid, externalUserId, ttlSeconds);
  }

  /** The next `times` syncs that have messages answer an empty page with has_more 1. */
  injectEmptyPages(times = 1): void {
    this.state.kfQueue.injectEmptyPages(times);
  }

  /** Messages the product sent through kf/send_msg and kf/send_msg_on_event. */
  get sends(): RecordedSend[] {
    return this.state.sent.filter((send) => send.path.startsWith('/cgi-bin/kf/'));
  }
}
