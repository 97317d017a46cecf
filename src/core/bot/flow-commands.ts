import { commandText } from '../../domain/text/typed-text';

/**
 * The words that steer a guided exchange at any step (返回, 修改 X, 取消, 继续, 确认), from text or
 * from a button. Input vocabulary, matched loosely; what the bot says lives in templates/.
 */
export type FlowCommand =
  | { kind: 'cancel' }
  | { kind: 'back' }
  | { kind: 'edit'; target: string }
  | { kind: 'resume' }
  | { kind: 'confirm' };

/** Button and 微信客服 menu keys for the commands. */
export const FLOW_KEYS = {
  cancel: 'flow:cancel',
  back: 'flow:back',
  edit: 'flow:edit',
  resume: 'flow:resume',
  confirm: 'flow:confirm',
} as const;

const EDIT_KEY_PREFIX = 'flow:edit:';

export function editKey(slotId: string): string {
  return `${EDIT_KEY_PREFIX}${slotId}`;
}

export function readFlowCommand(text: string, choice: string | undefined): FlowCommand | undefined {
  if (choice?.startsWith(EDIT_KEY_PREFIX))
    return { kind: 'edit', target: choice.slice(EDIT_KEY_PREFIX.length) };
  switch (choice) {
    case FLOW_KEYS.cancel:
      return { kind: 'cancel' };
    case FLOW_KEYS.back:
      return { kind: 'back' };
    case FLOW_KEYS.edit:
      return { kind: 'edit', target: '' };
    case FLOW_KEYS.resume:
      return { kind: 'resume' };
    case FLOW_KEYS.confirm:
      return { kind: 'confirm' };
  }
  const word = commandText(text);
  if (/^(取消|退出|不办了|不申请了|算了|不填了|结束)$/.test(word)) return { kind: 'cancel' };
  if (/^(返回|上一步|后退|回到上一步)$/.test(word)) return { kind: 'back' };
  if (/^(继续|接着填|继续填写)$/.test(word)) return { kind: 'resume' };
  if (/^(确认|确认提交|提交|确定|确定提交)$/.test(word)) return { kind: 'confirm' };
  const edit = /^(?:修改|改一下|改)\s*(.{0,20})$/.exec(word);
  if (edit) return { kind: 'edit', target: edit[1]!.trim() };
  return undefined;
}
