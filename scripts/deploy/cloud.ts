// The CloudBase management API as the deploy uses it, through @cloudbase/manager-node (its signed
// Tencent Cloud API requests). Collections and indexes go through its database service (the `tcb`
// actions ListTables / CreateTable / DescribeTable / UpdateTable), security rules and functions
// through its common service (`tcb` DescribeSafeRule / ModifySafeRule; `scf` GetFunction,
// CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration, CreateTrigger, DeleteTrigger, Invoke).
//
// manager-node sends `tcb` actions to TCB_BASE_URL when it is set (a stand-in of the API in tests),
// but every other service (scf, flexdb, …) to its fixed https://<service>.tencentcloudapi.com. So
// that a stand-in sees the whole deploy, the `scf` service is pointed at TCB_BASE_URL too when it is
// set; the stand-in tells the services apart by the credential scope of the signature
// (`…/<date>/<service>/tc3_request`). Without TCB_BASE_URL nothing is redirected.
import CloudBase from '@cloudbase/manager-node';

export class CloudApiError extends Error {
  constructor(message: string, readonly code: string, readonly action: string) {
    super(message);
  }
}

type Params = Record<string, unknown>;
type Reply = Record<string, any>;

export interface Cloud {
  envId: string;
  /** The SCF namespace of the environment's functions (the env id for CloudBase). */
  namespace: string;
  tcb(action: string, params?: Params): Promise<Reply>;
  scf(action: string, params?: Params): Promise<Reply>;
  /** manager-node's database service (collections and indexes). */
  database: CloudBase['database'];
}

export interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

const asCloudError = (e: unknown, action: string): CloudApiError => {
  const err = e as { message?: string; code?: string; action?: string };
  return new CloudApiError(err.message ?? String(e), err.code ?? '', err.action ?? action);
};

export async function connect(envId: string, creds: Credentials): Promise<Cloud> {
  const manager = new CloudBase({ envId, secretId: creds.secretId, secretKey: creds.secretKey, token: creds.token });
  const service = (name: string) => {
    const common = manager.commonService(name);
    const base = process.env.TCB_BASE_URL;
    if (base && name !== 'tcb') {
      // The CloudService instance inside the common service: its `baseUrl` getter knows only tcb's override.
      Object.defineProperty((common as unknown as { commonService: object }).commonService, 'baseUrl', { get: () => base });
    }
    return async (action: string, params: Params = {}) => {
      try {
        return (await common.call({ Action: action, Param: params })) as Reply;
      } catch (e) {
        throw asCloudError(e, action);
      }
    };
  };
  const tcb = service('tcb');
  const scf = service('scf');
  // DescribeEnvInfo: the environment exists, and its database instance and function namespace.
  let info: { Functions?: Array<{ Namespace?: string }> };
  try {
    info = (await manager.currentEnvironment().lazyInit()) as typeof info;
  } catch (e) {
    const err = asCloudError(e, 'DescribeEnvInfo');
    throw new CloudApiError(`找不到云开发环境 ${envId}，或密钥无权访问它（${err.code || err.message}）`, err.code, err.action);
  }
  return { envId, namespace: info.Functions?.[0]?.Namespace || envId, tcb, scf, database: manager.database };
}

/** Wraps a manager-node call so that its errors carry the action and code. */
export async function managed<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asCloudError(e, action);
  }
}
