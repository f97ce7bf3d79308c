// An admin SDK app for the scripts: against a local emulator with --url, or against CloudBase with real
// credentials (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY and the environment id from --env or TCB_ENV).
import tcb from '@cloudbase/node-sdk';

export type AdminApp = ReturnType<typeof tcb.init>;
export type Database = ReturnType<AdminApp['database']>;

export function adminApp(opts: { url?: string; env?: string }): { app: AdminApp; where: string } {
  if (opts.url) {
    // The SDK otherwise probes a cloud metadata host on every call.
    process.env.TENCENTCLOUD = 'true';
    process.env.SILENCE = 'true';
    const base = opts.url.replace(/\/+$/, '').replace(/\/admin$/, '');
    return { app: tcb.init({ env: 'redpark-local', secretId: 'x', secretKey: 'y', serviceUrl: `${base}/admin` }), where: `${base} (local emulator)` };
  }
  const env = opts.env ?? process.env.TCB_ENV;
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!env || !secretId || !secretKey) {
    throw new Error('Give --url <emulator> for a local run, or set TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and --env <env id> (or TCB_ENV) for CloudBase.');
  }
  return { app: tcb.init({ env, secretId, secretKey }), where: `CloudBase environment ${env}` };
}
