import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { PassageSelector } from '../knowledge/llm-selector';

/** The resident's conversation also answers policy questions from the knowledge base. */
export interface ResidentChatDeps extends HandlerDeps {
  knowledge: KnowledgeBase;
  /** Chooses among retrieved passages or says none (LLM_BASE_URL); absent: retrieval alone. */
  selector?: PassageSelector;
}
