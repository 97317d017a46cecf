import type { BotRouter } from '../../core/bot/bot-router';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedWord } from '../../core/bot/typed-text';

const GREETING_EVENTS = new Set(['enter_agent', 'subscribe', 'enter_session']);
const MEDIA_KINDS: Record<string, string> = {
  image: '图片',
  voice: '语音',
  video: '视频',
  file: '文件',
  location: '位置',
  link: '链接',
};

/**
 * First contact: a user opening the app, or writing anything no other flow claims, gets the
 * introduction. Media no flow handles yet gets a clear request to type instead.
 */
export function registerWelcome(router: BotRouter): void {
  router.on('welcome.event', (ctx) => isEvent(ctx) && GREETING_EVENTS.has(eventName(ctx)), reply);
  router.on('welcome.greeting', (ctx) => isGreeting(ctx), reply);
  router.on(
    'welcome.unsupported',
    (ctx) => !isEvent(ctx) && ctx.inbound.message.MsgType !== 'text',
    (ctx) => {
      const type = ctx.inbound.message.MsgType;
      ctx.reply('chat.unsupported-message', { kind: MEDIA_KINDS[type] ?? type });
    },
  );
}

function reply(ctx: TurnContext): void {
  // 微信客服 enter_session: the welcome may only go out with its welcome_code (valid 20 s).
  const code = ctx.inbound.message.WelcomeCode;
  if (ctx.inbound.channel === 'kf' && isEvent(ctx)) {
    if (typeof code === 'string' && code) ctx.reply('chat.welcome', {}, undefined, { kfEventCode: code });
    return;
  }
  ctx.reply('chat.welcome');
}

function isEvent(ctx: TurnContext): boolean {
  return ctx.inbound.message.MsgType === 'event';
}

function eventName(ctx: TurnContext): string {
  const event = ctx.inbound.message.Event;
  return typeof event === 'string' ? event : '';
}

/** A greeting or an empty message: the introduction, not a policy search. */
function isGreeting(ctx: TurnContext): boolean {
  if (ctx.inbound.message.MsgType !== 'text') return false;
  const text = typedWord(ctx);
  return (
    text === '' ||
    /^(你好|您好|hi|hello|在吗|在不在|喂|哈喽|嗨|早上好|下午好|晚上好|你好呀|您好呀)$/i.test(text)
  );
}
