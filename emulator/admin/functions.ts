// `functions.invokeFunction`: the SDK's callFunction. The reply carries the result as a JSON
// string (`response_data`); a failure is a CloudBase-style `{ code, message }`.
import { z } from 'zod';
import type { CallerIdentity } from '../functions/identity.js';
import { type FunctionHost, JsonEvent } from '../functions/host.js';

const invokeSchema = z.object({
  function_name: z.string().min(1).max(128),
  request_data: z.string().optional(),
  qualifier: z.string().optional(),
});

export async function handleInvoke(host: FunctionHost, params: unknown, caller: CallerIdentity): Promise<Record<string, unknown>> {
  const parsed = invokeSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { code: 'INVALID_PARAM', message: `functions.invokeFunction: ${issue.path.join('.') || 'params'}: ${issue.message}` };
  }
  const json = parsed.data.request_data || '{}';
  try {
    JSON.parse(json); // iterative: any depth parses; the instance parses the text again
  } catch {
    return { code: 'INVALID_PARAM', message: 'functions.invokeFunction: request_data is not JSON' };
  }
  const r = await host.invoke(parsed.data.function_name, new JsonEvent(json), caller);
  if (!r.ok) return { code: r.error!.code, message: r.error!.message };
  return { data: { response_data: JSON.stringify(r.result) } };
}
