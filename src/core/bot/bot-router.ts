import type { TurnContext } from './turn-context';

export type Handler = (ctx: TurnContext) => Promise<void> | void;
export type Matcher = (ctx: TurnContext) => boolean;

/**
 * Matching lives here, not in handlers: each handler module registers what it serves, and the
 * first matching route handles the turn. A handler may assume its input already matches.
 */
export class BotRouter {
  private readonly routes: { name: string; matches: Matcher; handle: Handler }[] = [];
  private fallback: Handler = () => {};

  on(name: string, matches: Matcher, handle: Handler): this {
    this.routes.push({ name, matches, handle });
    return this;
  }

  otherwise(handle: Handler): this {
    this.fallback = handle;
    return this;
  }

  async dispatch(ctx: TurnContext): Promise<string> {
    const route = this.routes.find((r) => r.matches(ctx));
    await (route ? route.handle(ctx) : this.fallback(ctx));
    return route?.name ?? 'fallback';
  }
}

/** A handler module: registers its routes on the router. */
export type HandlerModule = (router: BotRouter) => void;
