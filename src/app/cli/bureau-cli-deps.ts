import type { EnvConfig } from '../../core/config/load-config';
import type { BureauCliDeps } from '../../features/bureau/bureau-cli';
import { compose, composeCipher } from '../compose';

/**
 * The bureau commands' dependencies, built as the service builds them (`compose`): a decision
 * taken from the CLI sets off the same timers, notices and bureau messages as one taken in chat.
 */
export function createBureauCliDeps(config: EnvConfig): BureauCliDeps {
  const { templates, steps } = compose();
  return {
    cipher: composeCipher(config),
    dataDir: config.dataDir,
    templates,
    rules: steps.rules,
    effects: steps.effects,
  };
}
