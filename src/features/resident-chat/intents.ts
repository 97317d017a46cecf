import type { TurnContext } from '../../core/bot/turn-context';
import { typedWord } from '../../core/bot/typed-text';

/**
 * What a resident wants, from the words they use or the menu item they pick. Input vocabulary:
 * matched on short messages only, so a long question about applying still goes to the knowledge base.
 */
export const MENU_KEYS = {
  apply: 'menu:apply',
  prescreen: 'menu:prescreen',
  status: 'menu:status',
  handoff: 'menu:handoff',
} as const;

const PATTERNS = {
  apply:
    /^(我要申请|我想申请|申请|在线申请|网上申请|开始申请|我要办|(我要|我想|俺要|俺想|帮我|给我|帮俺|给俺)?(申请|办|办理)(一下|个)?(低保|底保|低宝|最低生活保障|特困|特捆|特困供养|特困人员供养|五保|临时救助|临时就助|救助))$/,
  prescreen:
    /^(测一测|测一下|自测|初筛|预审|我能不能申请|我能申请吗|我符合条件吗|看看我能不能办|能不能办低保|我够不够条件)$/,
  status:
    /^(进度|查进度|查询进度|申请进度|我的申请|办到哪了|到哪一步了|我的申请到哪一步了|我的申请怎么样了|审批到哪了|批下来了吗|结果出来了吗|查询申请)$/,
  handoff: /^(人工|转人工|人工服务|找人工|找工作人员|联系工作人员|客服|我要找人)$/,
} as const;

export type Intent = keyof typeof PATTERNS;

export function wants(ctx: TurnContext, intent: Intent): boolean {
  if (ctx.choice === MENU_KEYS[intent]) return true;
  if (ctx.inbound.message.MsgType !== 'text') return false;
  const text = typedWord(ctx);
  return text.length <= 16 && PATTERNS[intent].test(text);
}

/** The program named in a start message (申请低保 → dibao), if any. */
export function programNamed(ctx: TurnContext): 'dibao' | 'tekun' | 'linshi' | undefined {
  const text = String(ctx.inbound.message.Content ?? '');
  // With the misspellings residents type (底保, 特捆, 临时就助).
  if (/低保|底保|低宝|最低生活保障/.test(text)) return 'dibao';
  if (/特困|特捆|五保/.test(text)) return 'tekun';
  if (/临时救助|临时就助/.test(text)) return 'linshi';
  return undefined;
}
