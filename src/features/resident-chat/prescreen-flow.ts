import type { FlowDefinition } from '../../core/bot/slot-flow';
import { choiceSlot, fieldSlot } from '../../core/bot/slot-kinds';
import type { TemplateStore } from '../../core/templates/template-store';
import { parseAmountFen, parseCount, parseYesNo } from '../../domain/application/answer-parsers';
import type { PrescreenAnswers } from '../../domain/prescreen/prescreen';

export type PrescreenDraft = Partial<PrescreenAnswers>;

type YesNoKey =
  | 'hasVehicle'
  | 'cannotWorkNoSupport'
  | 'seriousIllnessOrDisability'
  | 'suddenHardship'
  | 'heavyNecessarySpending';

/** Pre-screening questions: a few facts, no identifiers (nothing here is sealed or kept after). */
export function prescreenFlow(templates: TemplateStore): FlowDefinition<PrescreenDraft> {
  const yesNo = (id: YesNoKey, templateId: string) =>
    fieldSlot<PrescreenDraft, YesNoKey>({
      id,
      prompt: () => ({
        templateId,
        choices: [
          { key: `ans:${id}:yes`, label: templates.phrase('chat.flow', 'yes') },
          { key: `ans:${id}:no`, label: templates.phrase('chat.flow', 'no') },
        ],
      }),
      parse: (text) => parseYesNo(text),
    });
  return {
    name: 'prescreen',
    labels: 'chat.prescreen.slots',
    idleMs: 30 * 60 * 1000,
    maxAgeMs: 7 * 24 * 60 * 60 * 1000,
    slots: [
      choiceSlot<PrescreenDraft, 'area'>({
        id: 'area',
        templateId: 'chat.prescreen.area',
        options: () =>
          (['urban', 'rural'] as const).map((value) => ({
            value,
            label: templates.phrase('chat.areas', value),
          })),
        read: (text) =>
          /城|镇|街道|市区/.test(text) ? 'urban' : /农|村|乡/.test(text) ? 'rural' : undefined,
      }),
      fieldSlot<PrescreenDraft, 'householdSize'>({
        id: 'householdSize',
        prompt: () => ({ templateId: 'chat.prescreen.household-size' }),
        parse: (text) => parseCount(text, 1, 20),
      }),
      fieldSlot<PrescreenDraft, 'monthlyIncomeFen'>({
        id: 'monthlyIncomeFen',
        prompt: () => ({ templateId: 'chat.prescreen.income' }),
        parse: (text) => parseAmountFen(text, 1_000_000),
      }),
      fieldSlot<PrescreenDraft, 'savingsFen'>({
        id: 'savingsFen',
        prompt: () => ({ templateId: 'chat.prescreen.savings' }),
        parse: (text) => parseAmountFen(text, 100_000_000),
      }),
      yesNo('hasVehicle', 'chat.prescreen.vehicle'),
      fieldSlot<PrescreenDraft, 'housingUnits'>({
        id: 'housingUnits',
        prompt: () => ({ templateId: 'chat.prescreen.housing' }),
        parse: (text) => parseCount(text, 0, 50),
      }),
      yesNo('seriousIllnessOrDisability', 'chat.prescreen.illness'),
      yesNo('cannotWorkNoSupport', 'chat.prescreen.cannot-work'),
      yesNo('suddenHardship', 'chat.prescreen.sudden'),
      yesNo('heavyNecessarySpending', 'chat.prescreen.spending'),
    ],
    load: (data) =>
      typeof data.answers === 'object' && data.answers !== null ? (data.answers as PrescreenDraft) : {},
    save: (draft) => ({ answers: draft }),
  };
}
