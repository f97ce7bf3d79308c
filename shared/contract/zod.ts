// Every schema imports z from here. The mini-program runtime forbids `new Function`, which zod 4
// probes for its JIT unless told not to (colinhacks/zod#4461); this must run before any schema exists.
// zod's own messages ("expected string, received number") in Chinese, on the phone as on the server:
// the contract's own messages take precedence.
import { z } from 'zod';

z.config({ jitless: true, ...z.locales.zhCN() });

export { z };
