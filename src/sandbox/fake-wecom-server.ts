/** Kept for existing imports; the fake WeCom API lives in ./fake-wecom/. */
export * from './fake-wecom';
