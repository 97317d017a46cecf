/** Who the callbacks come from: the fake corp and, for app callbacks, the app. */
export interface CallbackIdentity {
  corpId: string;
  agentId: string;
}

/** One answered question of a vote / multi-select / button_selection card. */
export interface SelectedItem {
  questionKey: string;
  optionIds: string[];
}

const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/**
 * Decrypted XML of a `template_card_event` (a button click or a submitted selection,
 * docs/wecom.md §1.7), with `SelectedItems` nested as WeCom sends them.
 */
export function templateCardEventXml(
  identity: CallbackIdentity,
  fields: {
    fromUser: string;
    eventKey: string;
    taskId: string;
    cardType: string;
    responseCode: string;
    createTime: number;
    selectedItems?: SelectedItem[];
  },
): string {
  const selected = fields.selectedItems?.length
    ? `<SelectedItems>${fields.selectedItems
        .map(
          (item) =>
            `<SelectedItem><QuestionKey>${cdata(item.questionKey)}</QuestionKey><OptionIds>` +
            item.optionIds.map((id) => `<OptionId>${cdata(id)}</OptionId>`).join('') +
            '</OptionIds></SelectedItem>',
        )
        .join('')}</SelectedItems>`
    : '';
  return (
    `<xml><ToUserName>${cdata(identity.corpId)}</ToUserName>` +
    `<FromUserName>${cdata(fields.fromUser)}</FromUserName>` +
    `<CreateTime>${fields.createTime}</CreateTime>` +
    `<MsgType>${cdata('event')}</MsgType><Event>${cdata('template_card_event')}</Event>` +
    `<EventKey>${cdata(fields.eventKey)}</EventKey><TaskId>${cdata(fields.taskId)}</TaskId>` +
    `<CardType>${cdata(fields.cardType)}</CardType><ResponseCode>${cdata(fields.responseCode)}</ResponseCode>` +
    `<AgentID>${identity.agentId}</AgentID>${selected}</xml>`
  );
}

/**
 * Decrypted XML of the 微信客服 notification (docs/wecom.md §3.2): no content, only the Token that
 * unlocks kf/sync_msg for 10 minutes and the account it concerns.
 */
export function kfMsgOrEventXml(
  identity: Pick<CallbackIdentity, 'corpId'>,
  fields: { token: string; openKfid: string; createTime: number },
): string {
  return (
    `<xml><ToUserName>${cdata(identity.corpId)}</ToUserName>` +
    `<CreateTime>${fields.createTime}</CreateTime>` +
    `<MsgType>${cdata('event')}</MsgType><Event>${cdata('kf_msg_or_event')}</Event>` +
    `<Token>${cdata(fields.token)}</Token><OpenKfId>${cdata(fields.openKfid)}</OpenKfId></xml>`
  );
}
