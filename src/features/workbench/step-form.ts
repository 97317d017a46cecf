import type { TemplateStore } from '../../core/templates/template-store';
import { stepHintText } from '../casework/step-hint';
import type { StepContext, StepDraft, StepSpec } from '../casework/step-questions';

/** One question of a step as the page shows it, with what was typed and what was wrong with it. */
export interface StepFormField {
  id: string;
  /** Form field name: `a.<question id>`. */
  name: string;
  label: string;
  kind: 'line' | 'long' | 'yesno' | 'one' | 'multiple';
  value: string;
  options: { n: number; label: string; checked: boolean }[];
  hint: string;
  error: string;
}

export interface StepFormWalk {
  /** The questions up to the first unanswered or refused one, answered ones filled in. */
  fields: StepFormField[];
  /** Every applying question answered and read: the draft is what the step is built from. */
  complete: boolean;
  draft: StepDraft;
}

/**
 * Reads a step's answers as a page sends them, with the same questions, order, conditions and
 * readers as the chat (step-specs.ts): each applying question in turn is read from its field;
 * the walk stops at the first one left empty or refused, which the page asks next (with the
 * reader's Chinese explanation). Nothing is kept between requests: the form carries the answers.
 */
export function walkStepForm(
  spec: StepSpec,
  c: StepContext,
  answerOf: (name: string) => string | undefined,
  templates: TemplateStore,
): StepFormWalk {
  const optionLabels = templates.phrases('staff.option-labels');
  const draft: StepDraft = {};
  const fields: StepFormField[] = [];
  for (const q of spec.questions) {
    if (q.applies && !q.applies(draft, c)) continue;
    const options = q.options?.(c) ?? [];
    const name = `a.${q.id}`;
    const raw = (answerOf(name) ?? '').trim();
    const picked = new Set(raw.split(/\s+/).filter(Boolean));
    const hint = q.hint?.(draft, c);
    const field: StepFormField = {
      id: q.id,
      name,
      label: templates.phrase('staff.step-questions', `${spec.event}.${q.id}`),
      kind: q.form ?? (options.length > 0 ? 'one' : 'line'),
      value: raw,
      options: options.map((o, i) => ({
        n: i + 1,
        label: optionLabels[o] ?? o,
        checked: picked.has(String(i + 1)),
      })),
      hint: hint ? stepHintText(templates, hint) : '',
      error: '',
    };
    fields.push(field);
    if (!raw) return { fields, complete: false, draft };
    const read = q.read(raw, c);
    if (!read.ok) {
      field.error = templates.phrase('chat.answer-problems', read.problem);
      return { fields, complete: false, draft };
    }
    draft[q.id] = read.value;
  }
  return { fields, complete: true, draft };
}
