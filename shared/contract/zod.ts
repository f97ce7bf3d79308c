// Every schema imports z from here. The mini-program runtime forbids `new Function`, which zod 4
// probes for its JIT unless told not to (colinhacks/zod#4461); this must run before any schema exists.
// zod's own messages ("expected string, received number") in Chinese, on the phone as on the server:
// the contract's own messages take precedence.
// The one locale by name: `z.locales.zhCN()` would bring all of zod's locales into the mini-program's packages.
import { z } from 'zod';
import { zhCN } from 'zod/locales';

z.config({ jitless: true, ...zhCN() });

export { z };
