import type { TemplateStore } from '../../core/templates/template-store';

/** The figures shown before a question (the 低保 standard and gap), as chat and the workbench say them. */
export function stepHintText(templates: TemplateStore, hint: Record<string, unknown>): string {
  const area = hint.area ? templates.phrase('staff.option-labels', String(hint.area)) : undefined;
  return templates.render('staff.step.hint', { hint: { ...hint, area } }).text.trim();
}
