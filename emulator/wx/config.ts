// Configuration of the emulator's WeChat openapi stand-in (wx.api). The emulator knows nothing of the
// product: the product supplies the templates it has registered in the WeChat console and a word list that
// stands in for WeChat's content-security model. Redpark's file is cloudfunctions/wx.local.json.
//
// {
//   "appid": "wx…",                         // optional, informational (default 'wx_local_emulator')
//   "templates": {                           // subscription-message templates by template id
//     "TPL_TOPIC_PUBLISHED": {
//       "title": "新专题发布",
//       "fields": { "thing1": "thing", "time2": "time", "thing3": "thing" },
//       "labels": { "thing1": "专题名称", "time2": "截止时间", "thing3": "备注" }   // optional, for people
//     }
//   },
//   "secCheck": { "risky": ["…"], "review": ["…"] },  // msgSecCheck word lists
//   "mediaCheck": { "risky": ["…"], "review": ["…"] },// mediaCheckAsync: words looked for in the file's bytes
//   "messagePush": "files"                            // the function message events (mediaCheckAsync results) go to
// }
//
// A field key is WeChat's keyword id: its type followed by a number (thing1, character_string4). The loader
// checks that each key's prefix is the declared type, so a typo such as "thing1": "time" fails at start-up
// instead of producing wrong 47003 replies.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const fieldTypes = [
  'thing', 'time', 'date', 'number', 'phrase', 'name', 'character_string',
  'amount', 'phone_number', 'car_number', 'letter', 'symbol',
] as const;
export type FieldType = (typeof fieldTypes)[number];

const fieldsSchema = z
  .record(z.string(), z.enum(fieldTypes))
  .superRefine((fields, ctx) => {
    if (Object.keys(fields).length === 0) ctx.addIssue({ code: 'custom', message: 'a template needs at least one field' });
    for (const [key, type] of Object.entries(fields)) {
      const m = /^([a-z_]+?)(\d+)$/.exec(key);
      if (!m || m[1] !== type)
        ctx.addIssue({ code: 'custom', path: [key], message: `field key "${key}" must be its type "${type}" followed by a number, e.g. ${type}1` });
    }
  });

const templateSchema = z
  .object({
    title: z.string().min(1),
    fields: fieldsSchema,
    // The keyword names shown in the WeChat console (专题名称…): documentation only, never checked against data.
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const key of Object.keys(t.labels ?? {}))
      if (!(key in t.fields)) ctx.addIssue({ code: 'custom', path: ['labels', key], message: `label for "${key}", which is not a field` });
  });

const words = z.array(z.string().trim().min(1, 'empty word')).default([]);

export const wxConfigSchema = z
  .object({
    appid: z.string().min(1).default('wx_local_emulator'),
    templates: z.record(z.string().min(1), templateSchema).default({}),
    secCheck: z.object({ risky: words, review: words }).strict().default({ risky: [], review: [] }),
    mediaCheck: z.object({ risky: words, review: words }).strict().default({ risky: [], review: [] }),
    messagePush: z.string().min(1).optional(),
  })
  .strict();

export type WxConfig = z.infer<typeof wxConfigSchema>;
export type WxTemplate = WxConfig['templates'][string];

export function defaultWxConfig(): WxConfig {
  return { appid: 'wx_local_emulator', templates: {}, secCheck: { risky: [], review: [] }, mediaCheck: { risky: [], review: [] } };
}

/** Validate an already-parsed config; throws an Error naming `source` and every problem. */
export function parseWxConfig(json: unknown, source = 'wx config'): WxConfig {
  const parsed = wxConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`invalid wx config ${source}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Load the config file. No file given, or a file that does not exist → the default (no templates, empty word
 * lists), so a project without WeChat features still starts. A file that exists but is not valid JSON or does
 * not match the schema throws: a broken config must stop the emulator, not silently disable checks.
 */
export function loadWxConfig(file?: string): WxConfig {
  if (!file) return defaultWxConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaultWxConfig();
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`invalid wx config ${file}: not JSON (${(e as Error).message})`);
  }
  return parseWxConfig(json, file);
}
