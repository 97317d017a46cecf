import { z } from 'zod';

const sentBody = z.looseObject({
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  markdown: z.object({ content: z.string() }).optional(),
  template_card: z
    .looseObject({
      task_id: z.string().optional(),
      main_title: z.looseObject({ title: z.string().optional() }).optional(),
      sub_title_text: z.string().optional(),
      button_list: z.array(z.looseObject({ text: z.string(), key: z.string().optional() })).optional(),
    })
    .optional(),
  msgmenu: z
    .looseObject({
      head_content: z.string().optional(),
      list: z.array(z.looseObject({ click: z.object({ id: z.string(), content: z.string() }).optional() })),
    })
    .optional(),
});

/** How `npm run chat` shows a message the product sent: text as is, cards with their buttons. */
export function displaySentMessage(body: unknown): string {
  const parsed = sentBody.safeParse(body);
  if (!parsed.success) return JSON.stringify(body);
  const m = parsed.data;
  if (m.text) return m.text.content;
  if (m.markdown) return m.markdown.content;
  if (m.template_card) {
    const card = m.template_card;
    const lines = [`┌ ${card.main_title?.title ?? ''} ${card.sub_title_text ?? ''}`.trimEnd()];
    for (const b of card.button_list ?? [])
      lines.push(`│ [${b.text}]  → /click ${b.key ?? ''} ${card.task_id ?? ''}`);
    return `${lines.join('\n')}\n└`;
  }
  if (m.msgmenu) {
    const items = m.msgmenu.list.flatMap((i, n) => (i.click ? [`  ${n + 1}. ${i.click.content}`] : []));
    return [m.msgmenu.head_content ?? '', ...items].join('\n');
  }
  return JSON.stringify(body);
}
