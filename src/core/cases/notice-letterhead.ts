import { shanghaiDate } from '../../domain/calendar';
import type { Township } from '../config/load-townships';
import type { TemplateStore } from '../templates/template-store';

/**
 * Who signs a written notice and its date. The township confirms the case (notice 三(一)), so
 * the notice goes out in that body's name — 平安镇人民政府, 天德乡人民政府, 北城街道办事处 — by
 * the kind of township in config/townships.json, dated the day it is issued (Asia/Shanghai).
 */
export interface Letterhead {
  issuer: string;
  issuedOn: string;
}

export function letterhead(templates: TemplateStore, township: Township, now: Date): Letterhead {
  const [year, month, day] = shanghaiDate(now).split('-').map(Number);
  return {
    issuer: `${township.name}${templates.phrase('notice.issuer', township.kind)}`,
    issuedOn: templates.render('notice.date', { year, month, day }).text,
  };
}
