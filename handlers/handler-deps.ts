import type { Township } from '../src/config/load-townships';
import type { PiiCipher } from '../src/crypto/pii-cipher';
import type { WorkingDayCalendar } from '../src/domain/calendar';
import type { ParameterLookup } from '../src/domain/parameters/parameter-lookup';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base';
import type { PassageSelector } from '../src/knowledge/llm-selector';
import type { EffectRunner, StepRules } from '../src/services/case-steps';
import type { TemplateStore } from '../src/templates/template-store';

/** What the handlers need from the services. */
export interface HandlerDeps {
  knowledge: KnowledgeBase;
  /** Chooses among retrieved passages or says none (LLM_BASE_URL); absent: retrieval alone. */
  selector?: PassageSelector;
  templates: TemplateStore;
  /** Seals ID numbers and phones in drafts and cases. */
  cipher: PiiCipher;
  townships: readonly Township[];
  parameters: ParameterLookup;
  calendar: WorkingDayCalendar;
  /** How case steps are judged (rule values) and what they set off (timers, notices). */
  steps: { rules: StepRules; effects: EffectRunner };
}
