/**
 * Local mode (H5 build only): who the browser pretends to be.
 *
 * In production the WeChat platform tells the cloud functions who is calling. The H5 build runs
 * only against the local emulator, whose gateway takes the caller's openid from the
 * X-Redpark-Openid header instead; this module keeps the chosen demo persona in storage so
 * services/api.ts can send it. The list to choose from is local/personas.json (the contract with
 * the demo seed, which gives those openids to people of the demo park).
 *
 * In the weapp build `isLocalMode()` is false and nothing here is used.
 */
import Taro from '@tarojs/taro';

export interface Persona {
  openid: string;
  /** Display name; for a typed-in openid, the openid itself. */
  name: string;
  /** Role label, e.g. 党员 / 支部书记 / 园区党委. */
  label: string;
}

/** Storage key (H5: localStorage[key] = JSON {data: Persona}). */
export const PERSONA_KEY = 'redpark.persona';

/** Same rule as the emulator gateway's X-Redpark-Openid check. */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const isLocalMode = (): boolean => process.env.TARO_ENV === 'h5';

export function getPersona(): Persona | null {
  if (!isLocalMode()) return null;
  const p = Taro.getStorageSync(PERSONA_KEY) as Persona | '' | undefined;
  return p && typeof p === 'object' && typeof p.openid === 'string' && OPENID_PATTERN.test(p.openid) ? p : null;
}

export function personaOpenid(): string | null {
  return getPersona()?.openid ?? null;
}

export function setPersona(p: Persona): void {
  Taro.setStorageSync(PERSONA_KEY, p);
}
