import { randomBytes } from 'node:crypto';
import { eventXml, textMessageXml } from '../callback-driver';
import { type CallbackDelivery, deliverCallback } from './callback-sender';
import {
  type CallbackIdentity,
  kfMsgOrEventXml,
  type SelectedItem,
  templateCardEventXml,
} from './callback-xml-builders';
import type { FakeState } from './fake-state';
import type { CallbackTarget } from './fake-types';

/** Retry knobs of one delivery (WeCom: 3 attempts, 5 s each). */
export interface DeliverOptions {
  attempts?: number;
  timeoutMs?: number;
}

/**
 * The fake's callback side: what WeCom POSTs to the product, signed and encrypted with the
 * product's callback Token and EncodingAESKey, timestamps and CreateTime on the fake clock.
 */
export class FakeCallbackDriver {
  constructor(
    private readonly state: FakeState,
    private target?: CallbackTarget,
  ) {}

  /** Where callbacks go; known only once the product listens, hence settable later. */
  setTarget(target: CallbackTarget): void {
    this.target = target;
  }

  /** Delivers any decrypted callback XML (see callback-driver.ts and callback-xml-builders.ts). */
  deliverXml(xml: string, options: DeliverOptions = {}): Promise<CallbackDelivery> {
    if (!this.target) throw new Error('fake WeCom: no callback target; call callbacks.setTarget() first');
    return deliverCallback(this.target, this.identity(), xml, { ...options, timestamp: this.unixNow() });
  }

  /** A member's text message to the app. */
  deliverText(
    fields: { fromUser: string; content: string; msgId?: string },
    options?: DeliverOptions,
  ): Promise<CallbackDelivery> {
    const msgId = fields.msgId ?? randomBytes(12).toString('base64');
    const xml = textMessageXml(this.credentials(), { ...fields, msgId, createTime: this.unixNow() });
    return this.deliverXml(xml, options);
  }

  /** An app event (enter_agent, click, subscribe, ...). */
  deliverEvent(
    fields: { fromUser: string; event: string; extra?: Record<string, string> },
    options?: DeliverOptions,
  ): Promise<CallbackDelivery> {
    return this.deliverXml(eventXml(this.credentials(), { ...fields, createTime: this.unixNow() }), options);
  }

  /**
   * A click on a card sent with `taskId`: mints the click's single-use ResponseCode (usable
   * with update_template_card) and delivers the template_card_event.
   */
  async deliverCardClick(
    fields: {
      fromUser: string;
      taskId: string;
      eventKey: string;
      selectedItems?: SelectedItem[];
      cardType?: string;
    },
    options?: DeliverOptions,
  ): Promise<{ delivery: CallbackDelivery; responseCode: string }> {
    const task = this.state.cards.findTask(fields.taskId);
    const responseCode = this.state.cards.issueResponseCode(
      task?.agentId ?? this.state.primaryApp.agentId,
      fields.taskId,
    );
    const cardType = fields.cardType ?? task?.cardType ?? 'button_interaction';
    const xml = templateCardEventXml(this.identity(), {
      ...fields,
      cardType,
      responseCode,
      createTime: this.unixNow(),
    });
    return { delivery: await this.deliverXml(xml, options), responseCode };
  }

  /** The 微信客服 notification with a fresh 10-minute sync Token for `openKfid`. */
  async deliverKfNotification(
    openKfid: string,
    options?: DeliverOptions,
  ): Promise<{ delivery: CallbackDelivery; token: string }> {
    const token = this.state.kfQueue.issueToken(openKfid);
    const xml = kfMsgOrEventXml(this.identity(), { token, openKfid, createTime: this.unixNow() });
    return { delivery: await this.deliverXml(xml, options), token };
  }

  private identity(): CallbackIdentity {
    return { corpId: this.state.corpId, agentId: this.state.primaryApp.agentId };
  }

  private credentials() {
    return {
      ...this.identity(),
      token: this.target?.token ?? '',
      encodingAesKey: this.target?.encodingAesKey ?? '',
    };
  }

  private unixNow(): number {
    return Math.floor(this.state.now().getTime() / 1000);
  }
}
