import type { FlotillaApi } from './flotilla-api.js';

let instance: FlotillaApi | undefined;

/** The one connection of this window, set at startup; stores and hooks reach the host through it. */
export function setApi(api: FlotillaApi): void {
  instance = api;
}

export function api(): FlotillaApi {
  if (!instance) throw new Error('the Flotilla API is not connected yet');
  return instance;
}
