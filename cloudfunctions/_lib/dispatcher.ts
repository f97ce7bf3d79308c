// A small typed dispatcher: parse the event, check who may call, validate the input, run the
// handler, validate the output. Handlers throw ActionError for expected failures; anything else is
// logged and answered as INTERNAL. A bad payload never reaches a handler.
import { type ApiReply, type ErrorCode, apiError } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/roles';
import { z } from '../../shared/contract/zod';
import { ActionError } from './action-error';
import { type Caller, loadCaller } from './caller';
import { type RateKind, spendRate } from './rate-limit';

/**
 * public: any WeChat user, bound or not; bound: anyone on the roster; or any of these roles.
 * key: no identity at all (the park's display screen on a TV's browser): the handler checks the credential its input
 * carries (a display key); the caller is not loaded and `person` is not set.
 */
export type Access = 'public' | 'bound' | 'key' | readonly Role[];

export { ActionError };

export interface ActionContext {
  caller: Caller;
  /** Set when access is not 'public' or 'key'. */
  person: NonNullable<Caller['person']>;
  now: Date;
}

export interface ActionDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** The rate limit this action spends (_lib/rate-limit.ts), per person or, before binding, per WeChat user. */
  rate?: RateKind;
  handler: (input: z.output<I>, ctx: ActionContext) => Promise<z.input<O>>;
}

export function defineAction<I extends z.ZodType, O extends z.ZodType>(def: ActionDef<I, O>): ActionDef<I, O> {
  return def;
}

type ContractSpec = Record<string, { input: z.ZodType; output: z.ZodType }>;

/** The handlers a contract needs: who may call each action, and what it does. */
export type Handlers<S extends ContractSpec> = {
  [A in keyof S]: { access: Access; rate?: RateKind; handler: ActionDef<S[A]['input'], S[A]['output']>['handler'] };
};

/** Bind the handlers to a contract: each entry must use the contract's input and output schemas. */
export function implement<S extends ContractSpec>(contract: S, handlers: Handlers<S>): Record<string, ActionDef> {
  const out: Record<string, ActionDef> = {};
  for (const name of Object.keys(contract)) {
    const h = handlers[name as keyof S];
    out[name] = { input: contract[name]!.input, output: contract[name]!.output, access: h.access, rate: h.rate, handler: h.handler as ActionDef['handler'] };
  }
  return out;
}

/**
 * Field errors for the form, and one message to show. A field the action does not take (an `openid`
 * above all) is named under its own key, so the reply says which field was refused, not just that
 * something was. The map has no prototype: a field may be called `constructor` or `__proto__`.
 */
function inputErrors(error: z.ZodError): { fields: Record<string, string[]>; message?: string } {
  const fields: Record<string, string[]> = Object.create(null);
  const add = (key: string, message: string) => {
    if (!Object.hasOwn(fields, key)) fields[key] = [];
    fields[key]!.push(message);
  };
  const form: string[] = [];
  for (const issue of error.issues) {
    const [head] = issue.path;
    if (head !== undefined) add(String(head), issue.message);
    else if (issue.code === 'unrecognized_keys') for (const k of issue.keys) add(k, `不支持“${k}”这一项`);
    else form.push(issue.message);
  }
  const first = form[0] ?? Object.values(fields).flat()[0];
  return { fields, message: first ? `填写有误：${first}` : undefined };
}

const eventSchema = z.object({ action: z.string().min(1).max(64), input: z.unknown().optional() });

/** The caller of an action with access 'key': nobody in particular (the key in the input is what counts). */
const NO_CALLER: Caller = { openid: '', source: '', person: null, roles: new Set() };

function allowed(access: Access, caller: Caller): ErrorCode | null {
  if (access === 'public' || access === 'key') return null;
  if (!caller.person) return 'NOT_BOUND';
  if (access === 'bound') return null;
  return access.some((r) => caller.roles.has(r)) ? null : 'FORBIDDEN';
}

/** What CloudBase's HTTP 访问服务 hands a function for an HTTP request (the display screen's TV browser in production). */
const httpEventSchema = z.object({ httpMethod: z.string(), body: z.string().nullish(), isBase64Encoded: z.boolean().optional() });
/** The integration response HTTP 访问服务 sends back as is: `{ result }`, as the local gateway answers. */
export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/**
 * An HTTP request through HTTP 访问服务 carries its call as `{ data: { action, input } }` in the body (what the
 * display screen posts to /functions/ledger, locally and in production alike). It has no WeChat identity, whatever
 * its headers or the instance's environment say (the SDK would fall back to process.env for a missing context): the
 * router's anonymous entry loads no caller, so only access-'key' actions answer it.
 */
export function httpRouter(router: Router) {
  return async (event: unknown, context: unknown): Promise<ApiReply<unknown> | HttpReply> => {
    const http = httpEventSchema.safeParse(event);
    if (!http.success) return router(event, context);
    // The screen's page may be served from another origin (静态网站托管) than the function's route: CORS, preflight included.
    const headers = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type' };
    if (http.data.httpMethod.toUpperCase() === 'OPTIONS') return { statusCode: 204, headers, body: '', isBase64Encoded: false };
    let call: unknown = null;
    try {
      const text = http.data.isBase64Encoded ? Buffer.from(http.data.body ?? '', 'base64').toString('utf8') : (http.data.body ?? '');
      const parsed = JSON.parse(text) as { data?: unknown } | null;
      call = parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
    } catch {
      // Not JSON: the router answers 请求格式不正确.
    }
    const reply = await router.anonymous(call);
    return { statusCode: 200, headers, body: JSON.stringify({ result: reply }), isBase64Encoded: false };
  };
}

type Main = (event: unknown, context: unknown) => Promise<ApiReply<unknown>>;
/** A function's main, plus the entry for a call that has no identity at all (httpRouter). */
export type Router = Main & { anonymous: (event: unknown) => Promise<ApiReply<unknown>> };

export function createRouter(actions: Record<string, ActionDef>): Router {
  const main: Main = (event, context) => dispatch(event, context, false);
  return Object.assign(main, { anonymous: (event: unknown) => dispatch(event, null, true) });

  async function dispatch(event: unknown, context: unknown, anonymous: boolean): Promise<ApiReply<unknown>> {
    const ev = eventSchema.safeParse(event);
    if (!ev.success) return { ok: false, error: apiError('INVALID_INPUT', { message: '请求格式不正确' }) };
    const def = Object.prototype.hasOwnProperty.call(actions, ev.data.action) ? actions[ev.data.action] : undefined;
    if (!def) return { ok: false, error: apiError('UNKNOWN_ACTION') };
    try {
      const caller = def.access === 'key' ? NO_CALLER : anonymous ? null : await loadCaller(context);
      if (!caller) return { ok: false, error: apiError('UNAUTHENTICATED') };
      const denied = allowed(def.access, caller);
      if (denied) return { ok: false, error: apiError(denied) };
      // zod's own messages are Chinese everywhere (shared/contract/zod.ts).
      const input = def.input.safeParse(ev.data.input ?? {});
      if (!input.success) return { ok: false, error: apiError('INVALID_INPUT', inputErrors(input.error)) };
      const now = new Date();
      if (def.rate) await spendRate(def.rate, caller.person?._id ?? `wx:${caller.openid}`, now);
      const result = await def.handler(input.data, { caller, person: caller.person!, now });
      return { ok: true, data: def.output.parse(result) };
    } catch (e) {
      if (e instanceof ActionError) return { ok: false, error: apiError(e.code, e.extra) };
      console.error(`action ${ev.data.action} failed:`, e);
      return { ok: false, error: apiError('INTERNAL') };
    }
  }
}
