import { renderForApp, renderForKf } from '../../src/core/outbox/render-reply';
import type { ReplyModel } from '../../src/core/outbox/reply-model';
import { TemplateStore } from '../../src/core/templates/template-store';

const templates = new TemplateStore();
const text = (t: string) => ({ templateId: 'chat.welcome', templateVersion: 1, text: t });

describe('rendering a reply per channel', () => {
  const withChoices: ReplyModel = {
    text: text('请问您想办理什么？'),
    choices: [
      { key: 'consult', label: '政策咨询' },
      { key: 'apply', label: '申请救助' },
    ],
  };

  it('app: text, then a button_interaction card with the given task_id', () => {
    expect(renderForApp(withChoices, 'ob42', templates)).toEqual([
      { msgtype: 'text', text: { content: '请问您想办理什么？' } },
      {
        msgtype: 'template_card',
        template_card: {
          card_type: 'button_interaction',
          task_id: 'ob42',
          main_title: { title: '请选择' },
          button_list: [
            { text: '政策咨询', key: 'consult', style: 1 },
            { text: '申请救助', key: 'apply', style: 1 },
          ],
        },
      },
    ]);
  });

  it('app: choices too long for a button become numbered lines', () => {
    const reply: ReplyModel = {
      text: text('请选择'),
      choices: [{ key: 'k', label: '这是一个超过十个字的很长的选项' }],
    };
    expect(renderForApp(reply, 'ob1', templates)).toEqual([
      { msgtype: 'text', text: { content: '请选择\n\n1. 这是一个超过十个字的很长的选项' } },
    ]);
  });

  it('app: a long text goes out in parts of at most 2048 bytes', () => {
    const parts = renderForApp({ text: text('低'.repeat(1000)) }, 'ob1', templates);
    expect(parts).toHaveLength(2);
  });

  it('微信客服: choices become a msgmenu with the text as its head', () => {
    expect(renderForKf(withChoices, templates)).toEqual([
      {
        msgtype: 'msgmenu',
        msgmenu: {
          head_content: '请问您想办理什么？',
          list: [
            { type: 'click', click: { id: 'consult', content: '政策咨询' } },
            { type: 'click', click: { id: 'apply', content: '申请救助' } },
          ],
        },
      },
    ]);
  });

  it('微信客服: plain text stays text', () => {
    expect(renderForKf({ text: text('您好') }, templates)).toEqual([
      { msgtype: 'text', text: { content: '您好' } },
    ]);
  });
});
